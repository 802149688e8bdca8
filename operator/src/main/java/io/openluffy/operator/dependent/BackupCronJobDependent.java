package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Optional;

/**
 * Runs backup.sh (see {@link BackupScriptsConfigMapDependent}) on the schedule: one verified, checksummed dump per
 * successful run. A run has a deadline, so a hung one cannot block the next (concurrencyPolicy Forbid).
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.BACKUP_SELECTOR))
public class BackupCronJobDependent extends CrudNamedDependentResource<CronJob> {

  /** The schedule's time zone, fixed so that the operator's staleness check reads it as the CronJob controller does. */
  static final String TIME_ZONE = "Etc/UTC";

  public BackupCronJobDependent() {
    super(CronJob.class, BackupCronJobDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-backup";
  }

  /** The backup CronJob as cached, found by name: the verification CronJob is a secondary resource of this kind too. */
  public static Optional<CronJob> find(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return find(context, name(instance));
  }

  /** One of the instance's CronJobs (backup, verification) by name, from the cache. */
  public static Optional<CronJob> find(Context<OpenLuffyInstance> context, String name) {
    return context.getSecondaryResources(CronJob.class).stream()
        .filter(cron -> name.equals(cron.getMetadata().getName())).findFirst();
  }

  @Override
  protected CronJob desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return cronJob(instance, name(instance), instance.spec().backup().schedule(), Component.BACKUP,
        BackupJob.spec(instance, InstanceLabels.of(instance, Component.BACKUP)));
  }

  /**
   * A CronJob of backup pods ({@link BackupJob}): its object and Jobs carry {@code component}, in UTC, one run at a
   * time (a run has a deadline, so a hung one cannot block the next).
   */
  static CronJob cronJob(OpenLuffyInstance instance, String name, String schedule, Component component, JobSpec job) {
    return new CronJobBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name, component))
        .withNewSpec()
        .withSchedule(schedule)
        .withTimeZone(TIME_ZONE)
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, component)).endMetadata()
        .withSpec(job)
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
