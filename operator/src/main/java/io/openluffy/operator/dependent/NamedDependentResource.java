package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.function.Function;

/**
 * A managed object found in its informer by the name the instance gives it. JOSDK's default finds the secondary by
 * the id of {@code desired()}, so every readiness check and reconcile built each object once more just to learn its
 * name (10% of the operator's CPU in the benchmark).
 */
abstract class NamedDependentResource<R extends HasMetadata> extends KubernetesDependentResource<R, OpenLuffyInstance> {

  private final Function<OpenLuffyInstance, String> name;
  private final boolean namespaced;

  NamedDependentResource(Class<R> type, Function<OpenLuffyInstance, String> name) {
    super(type);
    this.name = name;
    this.namespaced = Namespaced.class.isAssignableFrom(type);
  }

  @Override
  protected ResourceID targetSecondaryResourceID(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new ResourceID(name.apply(instance), namespaced ? instance.targetNamespace() : null);
  }
}
