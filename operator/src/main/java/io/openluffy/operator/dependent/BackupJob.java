package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Jobs that run a script of {@link BackupScriptsConfigMapDependent} once against the instance's database and
 * backup volume: backup.sh (the CronJob's job template, an on-demand OpenLuffyBackup's Job), restore.sh (an
 * OpenLuffyRestore's) and verify.sh (the verification CronJob's job template). A run has a deadline, so a hung one cannot block the next.
 */
public final class BackupJob {

  static final String BACKUP_DIR = "/backups";
  /** How long pg_dump waits for a table lock before the run fails (instead of hanging until the deadline). */
  static final String LOCK_WAIT_TIMEOUT = "60s";
  /** The container that runs backup.sh; its termination message is the dump's report (backup.BackupReport). */
  public static final String CONTAINER = "pg-dump";
  /** The container that runs restore.sh; its termination message names the dump it restored (backup.BackupReport). */
  public static final String RESTORE_CONTAINER = "restore";
  /** The container that runs verify.sh; its termination message is the verification's report. */
  public static final String VERIFY_CONTAINER = "verify";
  /** Kubernetes' default path, set explicitly because backup.sh is told to write there. */
  static final String TERMINATION_LOG = "/dev/termination-log";

  private BackupJob() {
  }

  /** A backup Job's spec; its pods carry {@code podLabels} (the backup NetworkPolicy selects them by component). */
  public static JobSpec spec(OpenLuffyInstance instance, Map<String, String> podLabels) {
    return spec(instance, podLabels, CONTAINER, BackupScriptsConfigMapDependent.BACKUP, false,
        EnvVars.plain("RETENTION", Integer.toString(instance.spec().backup().retention())),
        EnvVars.plain("LOCK_WAIT_TIMEOUT", LOCK_WAIT_TIMEOUT),
        EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG));
  }

  /** A restore Job's spec: restore.sh with {@code DUMP} (a dump's file name or latest). */
  public static JobSpec restoreSpec(OpenLuffyInstance instance, Map<String, String> podLabels, String dump) {
    // restore.sh stops at the first error and changes nothing then: running it again would fail the same way
    return new JobSpecBuilder(spec(instance, podLabels, RESTORE_CONTAINER, BackupScriptsConfigMapDependent.RESTORE,
        false, EnvVars.plain("DUMP", dump), EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG))).withBackoffLimit(0)
        .build();
  }

  /**
   * A verification Job's spec: verify.sh, reading the dumps only. No retry: a dump that does not restore fails the same
   * way again, and every attempt makes the database server hold a second copy.
   */
  public static JobSpec verifySpec(OpenLuffyInstance instance, Map<String, String> podLabels) {
    return new JobSpecBuilder(spec(instance, podLabels, VERIFY_CONTAINER, BackupScriptsConfigMapDependent.VERIFY, true,
        EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG))).withBackoffLimit(0).build();
  }

  private static JobSpec spec(OpenLuffyInstance instance, Map<String, String> podLabels, String name, String script,
      boolean readsDumpsOnly, EnvVar... scriptEnv) {
    BackupSpec backup = instance.spec().backup();
    List<EnvVar> env = new ArrayList<>(List.of(EnvVars.plain("BACKUP_DIR", BACKUP_DIR)));
    env.addAll(List.of(scriptEnv));
    env.addAll(EnvVars.superuser(instance));
    var container = new ContainerBuilder()
        .withName(name)
        .withImage(instance.spec().database().image())
        .withCommand(Scripts.command(script))
        .withEnv(env)
        .withTerminationMessagePath(TERMINATION_LOG)
        // a failed run leaves no report; its "... failed:" line (never a secret) becomes the message instead
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withResources(WorkloadResources.backupJob(backup.getResources()))
        .withSecurityContext(PodSecurity.container())
        // readOnly only when true: the API server drops a false one, and the apply would differ on every reconcile
        .withVolumeMounts(new VolumeMountBuilder(PodSecurity.mount("backups", BACKUP_DIR))
                .withReadOnly(readsDumpsOnly ? Boolean.TRUE : null).build(), PodSecurity.mount("tmp", "/tmp"),
            PodSecurity.mount("scripts", Scripts.MOUNT_PATH))
        .build();
    return new JobSpecBuilder()
        .withBackoffLimit(2)
        .withActiveDeadlineSeconds(backup.deadlineSeconds())
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).endMetadata()
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
        .build();
  }
}
