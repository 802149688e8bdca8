package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Map;

/**
 * The instance namespace. Never owned by the instance and never deleted by the workflow: with deletionPolicy
 * Retain it must outlive the resource; the reconciler deletes it explicitly under Delete.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class NamespaceDependent extends NamedDependentResource<Namespace>
    implements Creator<Namespace, OpenLuffyInstance>, Updater<Namespace, OpenLuffyInstance> {

  public NamespaceDependent() {
    super(Namespace.class, NamespaceDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return instance.targetNamespace();
  }

  @Override
  protected Namespace desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    var labels = InstanceLabels.of(instance);
    labels.put(InstanceLabels.INSTANCE_UID, instance.getMetadata().getUid());
    // Pod Security admission enforces what the operator's pod templates already meet.
    labels.putAll(Map.of("pod-security.kubernetes.io/enforce", "restricted",
        "pod-security.kubernetes.io/enforce-version", "latest"));
    return new NamespaceBuilder().withNewMetadata().withName(name(instance)).withLabels(labels).endMetadata()
        .build();
  }
}
