package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Runs backup.sh (see {@link BackupScriptsConfigMapDependent}) on the schedule: one verified, checksummed dump per
 * successful run. A run has a deadline, so a hung one cannot block the next (concurrencyPolicy Forbid).
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends CrudNamedDependentResource<CronJob> {

  /** The schedule's time zone, fixed so that the operator's staleness check reads it as the CronJob controller does. */
  static final String TIME_ZONE = "Etc/UTC";

  public BackupCronJobDependent() {
    super(CronJob.class, BackupCronJobDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-backup";
  }

  @Override
  protected CronJob desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new CronJobBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.BACKUP))
        .withNewSpec()
        .withSchedule(instance.spec().backup().schedule())
        .withTimeZone(TIME_ZONE)
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, Component.BACKUP)).endMetadata()
        .withSpec(BackupJob.spec(instance, InstanceLabels.of(instance, Component.BACKUP)))
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
