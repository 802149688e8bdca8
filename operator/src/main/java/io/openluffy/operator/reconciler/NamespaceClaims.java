package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.InstanceLabels;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether an instance may use its namespace. It may use one that does not exist yet (the oldest instance
 * claiming it wins), or one the operator created for it: labelled with its name and annotated by JOSDK for it (its
 * uid label says which instance of that name). A namespace labelled by a deleted instance of the same name (left by
 * deletionPolicy Retain) holds another tenant's users, passwords and volumes: it is adopted only on the explicit
 * {@value #ADOPT_RETAINED} annotation. Any other existing namespace is never used. Reserved namespaces and the
 * operator's own are refused earlier, by {@link SpecValidator}.
 */
final class NamespaceClaims {

  static final String ADOPT_RETAINED = "openluffy.io/adopt-retained";

  private static final Comparator<OpenLuffyInstance> SENIORITY = Comparator
      .comparing((OpenLuffyInstance i) -> Optional.ofNullable(i.getMetadata().getCreationTimestamp()).orElse(""))
      .thenComparing(i -> i.getMetadata().getName());

  /** Why the instance may not use its namespace: a condition reason and a message that says how to fix it. */
  record Refusal(String reason, String message) {
  }

  private NamespaceClaims() {
  }

  @SuppressWarnings("unchecked")
  static Optional<Refusal> refusal(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    String namespace = instance.targetNamespace();
    var namespaces = (InformerEventSource<Namespace, OpenLuffyInstance>) context.eventSourceRetriever()
        .getEventSourceFor(Namespace.class);
    // The informer sees only namespaces the operator labelled: one it has not cached may still exist.
    Namespace existing = namespaces.get(new ResourceID(namespace))
        .orElseGet(() -> context.getClient().namespaces().withName(namespace).get());
    if (existing == null) {
      return seniorClaim(instance, context);
    }
    Map<String, String> labels = Optional.ofNullable(existing.getMetadata().getLabels()).orElse(Map.of());
    String holder = labels.get(InstanceLabels.INSTANCE);
    String name = instance.getMetadata().getName();
    if (holder != null && !holder.equals(name)) {
      return Optional.of(new Refusal(ConditionReason.Ready.NAMESPACE_CONFLICT, "spec.namespace: namespace " + namespace
          + " belongs to OpenLuffyInstance " + holder + "; choose another namespace"));
    }
    // JOSDK's annotation marks what this operator created: JOSDK only finds (and applies to) objects it annotated.
    String createdFor = Optional.ofNullable(existing.getMetadata().getAnnotations())
        .map(a -> a.get(Mappers.DEFAULT_ANNOTATION_FOR_NAME)).orElse(null);
    if (holder == null || !name.equals(createdFor)) {
      return Optional.of(new Refusal(ConditionReason.Ready.NAMESPACE_CONFLICT, "spec.namespace: namespace " + namespace
          + " already exists and was not created by the operator for an instance named " + name + "; an instance"
          + " only uses a namespace it creates. Choose another namespace"));
    }
    if (isRetained(instance, labels) && !"true".equals(annotation(instance))) {
      return Optional.of(new Refusal(ConditionReason.Ready.RETAINED_DATA_FOUND,
          "namespace " + namespace + " holds data kept by a deleted"
          + " OpenLuffyInstance " + name + " (deletionPolicy Retain)" + retainedObjects(namespace, context)
          + ". To adopt it with its users, data and passwords, annotate this instance " + ADOPT_RETAINED
          + "=true; to start empty, delete namespace " + namespace + " (that deletes the retained data)"));
    }
    return Optional.empty();
  }

  /**
   * Whether the namespace was created for another instance of this name: its uid label names another instance. A
   * namespace without the label was created by an operator version before the label (adopted as they always were:
   * operator/README.md, "Deletion").
   */
  static boolean isRetained(OpenLuffyInstance instance, Map<String, String> labels) {
    String uid = labels.get(InstanceLabels.INSTANCE_UID);
    return uid != null && !uid.equals(instance.getMetadata().getUid());
  }

  private static String annotation(OpenLuffyInstance instance) {
    return Optional.ofNullable(instance.getMetadata().getAnnotations()).map(a -> a.get(ADOPT_RETAINED)).orElse(null);
  }

  private static String retainedObjects(String namespace, Context<OpenLuffyInstance> context) {
    var client = context.getClient();
    String secrets = names(client.secrets().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY,
        InstanceLabels.OPERATOR).list().getItems().stream());
    String claims = names(client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream());
    return (secrets.isEmpty() ? "" : ": Secrets " + secrets) + (claims.isEmpty() ? "" : ", PersistentVolumeClaims "
        + claims);
  }

  private static String names(Stream<? extends HasMetadata> objects) {
    return objects.map(o -> o.getMetadata().getName()).sorted().collect(Collectors.joining(", "));
  }

  private static Optional<Refusal> seniorClaim(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    String namespace = instance.targetNamespace();
    String name = instance.getMetadata().getName();
    return context.getPrimaryCache().list()
        .filter(other -> !other.getMetadata().getName().equals(name))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> other.targetNamespace().equals(namespace))
        .filter(other -> SENIORITY.compare(other, instance) < 0)
        .findFirst()
        .map(other -> new Refusal(ConditionReason.Ready.NAMESPACE_CONFLICT, "spec.namespace: namespace " + namespace
            + " belongs to OpenLuffyInstance " + other.getMetadata().getName() + "; choose another namespace"));
  }
}
