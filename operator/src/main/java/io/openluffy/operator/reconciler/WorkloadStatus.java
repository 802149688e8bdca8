package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiIngressDependent;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.PostgresMajorVersion;
import io.openluffy.operator.dependent.WorkloadReadiness;
import java.util.Optional;

/**
 * DatabaseReady, ApiServerReady and BackupScheduled, read from the workloads the workflow manages, and the
 * database's major version (DatabaseUpgradeBlocked).
 */
public class WorkloadStatus implements StatusContributor {

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    var spec = instance.spec();
    status.namespace(instance.targetNamespace())
        .endpoint(spec.hasHost() ? ApiIngressDependent.url(instance) : ApiServiceDependent.url(instance));

    var statefulSet = context.getSecondaryResource(StatefulSet.class).orElse(null);
    boolean dbReady = WorkloadReadiness.databaseReady(statefulSet);
    status.required(ConditionType.DATABASE_READY, dbReady,
        dbReady ? ConditionReason.DatabaseReady.STATEFUL_SET_READY : statefulSet == null
            ? ConditionReason.DatabaseReady.CREATING : ConditionReason.DatabaseReady.STATEFUL_SET_NOT_READY,
        dbReady ? "PostgreSQL has a ready replica" : "Waiting for a ready PostgreSQL replica");

    majorVersion(instance, statefulSet, dbReady, status);

    var deployment = context.getSecondaryResource(Deployment.class).orElse(null);
    boolean apiReady = WorkloadReadiness.apiServerAvailable(deployment);
    String apiWaiting = deployment == null && !dbReady
        ? "Waiting for PostgreSQL before starting the API server" : "Waiting for an available API server replica";
    status.required(ConditionType.API_SERVER_READY, apiReady,
        apiReady ? ConditionReason.ApiServerReady.DEPLOYMENT_AVAILABLE : deployment == null
            ? ConditionReason.ApiServerReady.CREATING : ConditionReason.ApiServerReady.DEPLOYMENT_UNAVAILABLE,
        apiReady ? "The API server has an available replica" : apiWaiting);

    if (spec.backupEnabled()) {
      var cronJob = BackupCronJobDependent.find(instance, context).orElse(null);
      status.required(ConditionType.BACKUP_SCHEDULED, cronJob != null,
          cronJob != null ? ConditionReason.BackupScheduled.SCHEDULED : ConditionReason.BackupScheduled.CREATING,
          cronJob != null ? "Backups run on schedule " + cronJob.getSpec().getSchedule()
              : "Creating the backup CronJob");
    } else {
      status.informational(ConditionType.BACKUP_SCHEDULED, false, ConditionReason.BackupScheduled.BACKUP_DISABLED,
          "spec.backup.enabled is false");
    }
  }

  /** Records the data directory's major once the database ran, and says when the spec asks for another. */
  private static void majorVersion(OpenLuffyInstance instance, StatefulSet statefulSet, boolean dbReady,
      StatusBuilder status) {
    Optional<Integer> recorded = PostgresMajorVersion.recorded(instance);
    if (recorded.isEmpty()) {
      if (dbReady) {
        PostgresMajorVersion.of(runningImage(statefulSet)).ifPresent(status::databaseMajorVersion);
      }
      return;
    }
    if (PostgresMajorVersion.blocked(instance)) {
      String wanted = instance.spec().database().image();
      var major = PostgresMajorVersion.of(wanted);
      status.informational(ConditionType.DATABASE_UPGRADE_BLOCKED, true,
          ConditionReason.DatabaseUpgradeBlocked.MAJOR_VERSION_CHANGE, "spec.database.image "
          + wanted + (major.isPresent() ? " is PostgreSQL " + major.getAsInt() : " does not say its major version"
          + " in its tag") + ", but the data directory is PostgreSQL " + recorded.get() + ", which no other major"
          + " can read: the database keeps running " + (statefulSet == null ? "its image" : runningImage(statefulSet))
          + ". To upgrade, back up with an OpenLuffyBackup and restore the dump into a new instance on the new major"
          + " (operator/README.md, \"Upgrading PostgreSQL\"); or set spec.database.image back to a PostgreSQL "
          + recorded.get() + " image");
    }
  }

  private static String runningImage(StatefulSet statefulSet) {
    return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }
}
