package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Runs backup.sh (see {@link BackupScriptsConfigMapDependent}) on the schedule: one verified, checksummed dump per
 * successful run. A run has a deadline, so a hung one cannot block the next (concurrencyPolicy Forbid).
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends CrudNamedDependentResource<CronJob> {

  static final String BACKUP_DIR = "/backups";
  /** How long pg_dump waits for a table lock before the run fails (instead of hanging until the deadline). */
  static final String LOCK_WAIT_TIMEOUT = "60s";
  /** The schedule's time zone, fixed so that the operator's staleness check reads it as the CronJob controller does. */
  static final String TIME_ZONE = "Etc/UTC";
  /** The container that runs backup.sh; its termination message is the dump's report (backup.BackupReport). */
  public static final String CONTAINER = "pg-dump";
  /** Kubernetes' default path, set explicitly because backup.sh is told to write there. */
  static final String TERMINATION_LOG = "/dev/termination-log";

  public BackupCronJobDependent() {
    super(CronJob.class, BackupCronJobDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-backup";
  }

  @Override
  protected CronJob desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    BackupSpec backup = instance.spec().backup();
    String dbSecret = PostgresSecretDependent.name(instance);
    var container = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(instance.spec().database().image())
        .withCommand("sh", BackupScriptsConfigMapDependent.MOUNT_PATH + "/" + BackupScriptsConfigMapDependent.BACKUP)
        .withEnv(
            EnvVars.plain("BACKUP_DIR", BACKUP_DIR),
            EnvVars.plain("RETENTION", Integer.toString(backup.retention())),
            EnvVars.plain("LOCK_WAIT_TIMEOUT", LOCK_WAIT_TIMEOUT),
            EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG),
            EnvVars.plain("PGHOST", PostgresServiceDependent.host(instance)),
            EnvVars.plain("PGPORT", Integer.toString(PostgresStatefulSetDependent.PORT)),
            EnvVars.fromSecret("PGDATABASE", dbSecret, PostgresSecretDependent.DATABASE_KEY),
            EnvVars.fromSecret("PGUSER", dbSecret, PostgresSecretDependent.USER_KEY),
            EnvVars.fromSecret("PGPASSWORD", dbSecret, PostgresSecretDependent.PASSWORD_KEY))
        .withTerminationMessagePath(TERMINATION_LOG)
        // a failed run leaves no report; its "backup failed:" line (never a secret) becomes the message instead
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(PodSecurity.mount("backups", BACKUP_DIR), PodSecurity.mount("tmp", "/tmp"),
            PodSecurity.mount("scripts", BackupScriptsConfigMapDependent.MOUNT_PATH))
        .build();
    return new CronJobBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.BACKUP))
        .withNewSpec()
        .withSchedule(backup.schedule())
        .withTimeZone(TIME_ZONE)
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, Component.BACKUP)).endMetadata()
        .withNewSpec()
        .withBackoffLimit(2)
        .withActiveDeadlineSeconds(backup.deadlineSeconds())
        .withNewTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, Component.BACKUP)).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.POSTGRES_UID))
        .withContainers(container)
        .addNewVolume().withName("backups").withNewPersistentVolumeClaim().withClaimName(BackupPvcDependent.name(instance))
        .endPersistentVolumeClaim().endVolume()
        .addToVolumes(PodSecurity.scratch("tmp"))
        .addNewVolume().withName("scripts").withNewConfigMap().withName(BackupScriptsConfigMapDependent.name(instance))
        .endConfigMap().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
