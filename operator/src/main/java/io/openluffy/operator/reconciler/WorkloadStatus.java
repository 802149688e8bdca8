package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.WorkloadReadiness;

/** DatabaseReady, ApiServerReady and BackupScheduled, read from the workloads the workflow manages. */
public class WorkloadStatus implements StatusContributor {

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    var spec = instance.spec();
    status.namespace(instance.targetNamespace())
        .endpoint(spec.hasHost() ? "https://" + spec.getHost() : ApiServiceDependent.url(instance));

    var statefulSet = context.getSecondaryResource(StatefulSet.class).orElse(null);
    boolean dbReady = WorkloadReadiness.databaseReady(statefulSet);
    status.required(ConditionType.DATABASE_READY, dbReady,
        dbReady ? "StatefulSetReady" : statefulSet == null ? "Creating" : "StatefulSetNotReady",
        dbReady ? "PostgreSQL has a ready replica" : "Waiting for a ready PostgreSQL replica");

    var deployment = context.getSecondaryResource(Deployment.class).orElse(null);
    boolean apiReady = WorkloadReadiness.apiServerAvailable(deployment);
    String apiWaiting = deployment == null && !dbReady
        ? "Waiting for PostgreSQL before starting the API server" : "Waiting for an available API server replica";
    status.required(ConditionType.API_SERVER_READY, apiReady,
        apiReady ? "DeploymentAvailable" : deployment == null ? "Creating" : "DeploymentUnavailable",
        apiReady ? "The API server has an available replica" : apiWaiting);

    if (spec.backupEnabled()) {
      var cronJob = context.getSecondaryResource(CronJob.class).orElse(null);
      status.required(ConditionType.BACKUP_SCHEDULED, cronJob != null,
          cronJob != null ? "Scheduled" : "Creating",
          cronJob != null ? "Backups run on schedule " + cronJob.getSpec().getSchedule()
              : "Creating the backup CronJob");
    } else {
      status.informational(ConditionType.BACKUP_SCHEDULED, false, "BackupDisabled", "spec.backup.enabled is false");
    }
  }
}
