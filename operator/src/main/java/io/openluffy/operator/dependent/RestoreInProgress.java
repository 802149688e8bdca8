package io.openluffy.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.crd.RunPhase;
import java.util.Comparator;
import java.util.Optional;

/**
 * The OpenLuffyRestore of an instance that is running (its reconciler set phase Running): while there is one, the
 * API server has zero replicas, so nothing writes during the restore. The instance reconciler watches restores for
 * this (reconciler.RestoreStatus).
 */
public final class RestoreInProgress {

  private RestoreInProgress() {
  }

  public static Optional<OpenLuffyRestore> of(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return context.getSecondaryResources(OpenLuffyRestore.class).stream()
        .filter(r -> instance.getMetadata().getName().equals(r.spec().getInstance()))
        .filter(r -> instance.targetNamespace().equals(r.getMetadata().getNamespace()))
        .filter(r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running)
        .min(Comparator.comparing(r -> r.getMetadata().getName()));
  }
}
