package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the instance's data exists: the database's claim ({@code data-openluffy-<name>-postgres-0}) is there.
 * The claim is never owned and outlives the StatefulSet, the instance and operator restarts (retention Retain), and
 * the StatefulSet that makes it is only created once both generated Secrets exist, so a claim means those Secrets'
 * values are what the data was written with.
 */
public final class DatabaseClaim {

  static final String EVENT_SOURCE = "database-claims";

  private DatabaseClaim() {
  }

  /** The informer on the database claims (made by the StatefulSet controller with the postgres labels). */
  public static InformerEventSource<PersistentVolumeClaim, OpenLuffyInstance> eventSource(
      EventSourceContext<OpenLuffyInstance> context) {
    var configuration = InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, OpenLuffyInstance.class)
        .withName(EVENT_SOURCE)
        .withLabelSelector(InstanceLabels.POSTGRES_SELECTOR)
        .withSecondaryToPrimaryMapper(claim -> Optional.ofNullable(claim.getMetadata().getLabels())
            .map(labels -> labels.get(InstanceLabels.INSTANCE))
            .map(instance -> Set.of(new ResourceID(instance)))
            .orElse(Set.of()))
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  static boolean exists(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return find(instance, context).isPresent();
  }

  /** The claim as last seen by the informer. */
  @SuppressWarnings("unchecked")
  public static Optional<PersistentVolumeClaim> find(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    var claims = (InformerEventSource<PersistentVolumeClaim, OpenLuffyInstance>) context.eventSourceRetriever()
        .getEventSourceFor(PersistentVolumeClaim.class, EVENT_SOURCE);
    return claims.get(new ResourceID(PostgresStatefulSetDependent.dataClaimName(instance), instance.targetNamespace()));
  }
}
