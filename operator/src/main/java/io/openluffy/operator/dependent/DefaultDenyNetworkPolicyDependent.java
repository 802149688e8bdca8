package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.ArrayList;
import java.util.List;

/** Denies all ingress to the namespace (strict: all egress too); the other policies open what is needed. */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.INSTANCE_WIDE_SELECTOR))
public class DefaultDenyNetworkPolicyDependent extends InstanceNetworkPolicy {

  public DefaultDenyNetworkPolicyDependent() {
    super(DefaultDenyNetworkPolicyDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-default-deny";
  }

  @Override
  protected NetworkPolicy desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    List<String> types = new ArrayList<>(List.of("Ingress"));
    if (strict(instance)) {
      types.add("Egress");
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(name(instance)).withNamespace(instance.targetNamespace())
        .withLabels(InstanceLabels.of(instance)).endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes(types).endSpec()
        .build();
  }
}
