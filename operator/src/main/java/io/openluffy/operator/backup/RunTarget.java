package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.RunPhase;
import io.openluffy.operator.crd.RunSpec;
import io.openluffy.operator.dependent.InstanceLabels;
import java.util.Optional;

/**
 * The instance a one-off run is for, or why the run cannot start yet (Pending: something that may still change)
 * or ever (Failed: the resource is in the wrong namespace, which only re-creating it fixes).
 */
record RunTarget(OpenLuffyInstance instance, RunPhase phase, String problem) {

  /** Jobs that use an instance's backup volume: scheduled and on-demand backups, restores. */
  static final String VOLUME_USERS = InstanceLabels.MANAGED_SELECTOR + "," + InstanceLabels.COMPONENT
      + " in (backup,restore)";

  static RunTarget resolve(HasMetadata run, RunSpec spec, KubernetesClient client) {
    String kind = run.getKind();
    OpenLuffyInstance instance = spec.getInstance() == null ? null
        : client.resources(OpenLuffyInstance.class).withName(spec.getInstance()).get();
    if (instance == null) {
      return blocked(RunPhase.Pending, "OpenLuffyInstance " + spec.getInstance() + " (spec.instance) not found;"
          + " waiting for it");
    }
    String namespace = instance.targetNamespace();
    if (!namespace.equals(run.getMetadata().getNamespace())) {
      return blocked(RunPhase.Failed, kind + " must be in namespace " + namespace + ", the namespace of"
          + " OpenLuffyInstance " + spec.getInstance() + "; delete it and create it there");
    }
    if (!instance.spec().backupEnabled()) {
      return blocked(RunPhase.Pending, "OpenLuffyInstance " + spec.getInstance() + " has spec.backup.enabled: false"
          + " (no backup volume or scripts); waiting until it is true");
    }
    if (instance.getStatus() == null || !instance.getStatus().isTrue(ConditionType.DATABASE_READY)) {
      return blocked(RunPhase.Pending, "waiting for the database of OpenLuffyInstance " + spec.getInstance()
          + " (condition DatabaseReady)");
    }
    Optional<String> busy = client.batch().v1().jobs().inNamespace(namespace).withLabelSelector(VOLUME_USERS)
        .list().getItems().stream().filter(job -> !JobState.of(job).finished()).map(Job::getMetadata)
        .map(m -> m.getName()).sorted().findFirst();
    if (busy.isPresent()) {
      return blocked(RunPhase.Pending, "waiting for Job " + busy.get() + " to finish: one run at a time uses the"
          + " backup volume");
    }
    return new RunTarget(instance, null, null);
  }

  private static RunTarget blocked(RunPhase phase, String problem) {
    return new RunTarget(null, phase, problem);
  }

  boolean ready() {
    return instance != null;
  }
}
