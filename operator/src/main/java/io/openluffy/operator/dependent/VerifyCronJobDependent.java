package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Runs verify.sh on {@code spec.backup.verify}: the newest dump restored into a scratch database and read back. Its
 * Jobs are labelled {@code component: verify} (not counted as backups); their pods are backup pods (the backup
 * NetworkPolicy, database access), with the dumps mounted read-only.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.VERIFY_SELECTOR))
public class VerifyCronJobDependent extends CrudNamedDependentResource<CronJob> {

  public VerifyCronJobDependent() {
    super(CronJob.class, VerifyCronJobDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-verify";
  }

  @Override
  protected CronJob desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return BackupCronJobDependent.cronJob(instance, name(instance), instance.spec().backup().verify().orElseThrow(),
        Component.VERIFY, BackupJob.verifySpec(instance, InstanceLabels.of(instance, Component.BACKUP)));
  }

  /** Reconcile precondition: backups on and a verification schedule set; otherwise the CronJob is deleted. */
  public static class Scheduled extends SpecCondition<CronJob> {
    public Scheduled() {
      super(spec -> spec.backupEnabled() && spec.backup().verify().isPresent());
    }
  }
}
