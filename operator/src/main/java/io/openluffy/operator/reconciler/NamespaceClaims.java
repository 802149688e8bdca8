package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.InstanceLabels;
import java.util.Comparator;
import java.util.Optional;

/**
 * Decides which instance owns a namespace: the one whose label the namespace already carries (also after a
 * Retain deletion), else the oldest instance claiming it. Everyone else gets NamespaceConflict.
 */
final class NamespaceClaims {

  private static final Comparator<OpenLuffyInstance> SENIORITY = Comparator
      .comparing((OpenLuffyInstance i) -> Optional.ofNullable(i.getMetadata().getCreationTimestamp()).orElse(""))
      .thenComparing(i -> i.getMetadata().getName());

  private NamespaceClaims() {
  }

  /** The reason the instance may not use its namespace, if any. */
  @SuppressWarnings("unchecked")
  static Optional<String> conflict(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    String namespace = instance.targetNamespace();
    String name = instance.getMetadata().getName();
    var namespaces = (InformerEventSource<Namespace, OpenLuffyInstance>) context.eventSourceRetriever()
        .getEventSourceFor(Namespace.class);
    Optional<String> holder = namespaces.get(new ResourceID(namespace))
        .map(ns -> ns.getMetadata().getLabels().get(InstanceLabels.INSTANCE));
    if (holder.isPresent() && !holder.get().equals(name)) {
      return Optional.of(message(namespace, holder.get()));
    }
    if (holder.isPresent()) {
      return Optional.empty();
    }
    return context.getPrimaryCache().list()
        .filter(other -> !other.getMetadata().getName().equals(name))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> other.targetNamespace().equals(namespace))
        .filter(other -> SENIORITY.compare(other, instance) < 0)
        .findFirst()
        .map(other -> message(namespace, other.getMetadata().getName()));
  }

  private static String message(String namespace, String holder) {
    return "spec.namespace: namespace " + namespace + " belongs to OpenLuffyInstance " + holder
        + "; choose another namespace";
  }
}
