package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.openluffy.operator.crd.CredentialsSecretRef;
import io.openluffy.operator.crd.ObjectStoreSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Jobs that run a script of {@link BackupScriptsConfigMapDependent} once against the instance's database and
 * backup volume: backup.sh (the CronJob's job template, an on-demand OpenLuffyBackup's Job), restore.sh (an
 * OpenLuffyRestore's) and verify.sh (the verification CronJob's job template). A run has a deadline, so a hung one cannot block the next.
 * With {@code spec.backup.objectStore}, offsite.sh runs in rclone's image next to them: backup.sh becomes an init
 * container and the upload the main one, so only a dump that backup.sh verified and committed is ever uploaded (an
 * init container that fails stops the pod); a restore from the store downloads first, in an init container.
 */
public final class BackupJob {

  static final String BACKUP_DIR = "/backups";
  /** The volume at BACKUP_DIR: the backup claim, or a scratch one for a dump downloaded from the object store. */
  private static final String DUMPS_VOLUME = "backups";
  /** How long pg_dump waits for a table lock before the run fails (instead of hanging until the deadline). */
  static final String LOCK_WAIT_TIMEOUT = "60s";
  /** The container that runs backup.sh; its termination message is the dump's report (backup.BackupReport). */
  public static final String CONTAINER = "pg-dump";
  /** The container that runs restore.sh; its termination message names the dump it restored (backup.BackupReport). */
  public static final String RESTORE_CONTAINER = "restore";
  /** The container that runs verify.sh; its termination message is the verification's report. */
  public static final String VERIFY_CONTAINER = "verify";
  /** The container that copies the new dump off-site (offsite.sh upload), after {@link #CONTAINER}. */
  public static final String UPLOAD_CONTAINER = "upload";
  /** The container that fetches the dump to restore from the object store (offsite.sh download). */
  public static final String DOWNLOAD_CONTAINER = "download";
  /** Kubernetes' default path, set explicitly because backup.sh is told to write there. */
  static final String TERMINATION_LOG = "/dev/termination-log";

  private BackupJob() {
  }

  /**
   * A backup Job's spec; its pods carry {@code podLabels} (the backup NetworkPolicy selects them by component). With
   * an object store, the dump is uploaded after it.
   */
  public static JobSpec spec(OpenLuffyInstance instance, Map<String, String> podLabels) {
    Container dump = postgres(instance, CONTAINER, BackupScriptsConfigMapDependent.BACKUP, false,
        EnvVars.plain("RETENTION", retention(instance)),
        EnvVars.plain("LOCK_WAIT_TIMEOUT", LOCK_WAIT_TIMEOUT),
        EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG));
    Optional<ObjectStoreSpec> store = instance.spec().backup().objectStore();
    return store.map(s -> spec(instance, podLabels, volume(instance), List.of(dump),
            offsite(instance, s, UPLOAD_CONTAINER, true, List.of(EnvVars.plain("RETENTION", retention(instance))), "upload")))
        .orElseGet(() -> spec(instance, podLabels, volume(instance), List.of(), dump));
  }

  /**
   * A restore Job's spec: restore.sh with {@code DUMP} (a dump's file name or latest), from the backup volume, or,
   * with {@code fromObjectStore}, from the dump offsite.sh downloads into a scratch volume in its place (the backup
   * volume is then not mounted: the restore works without it, and leaves its dumps and retention alone).
   */
  public static JobSpec restoreSpec(OpenLuffyInstance instance, Map<String, String> podLabels, String dump,
      boolean fromObjectStore) {
    Container restore = postgres(instance, RESTORE_CONTAINER, BackupScriptsConfigMapDependent.RESTORE, false,
        EnvVars.plain("DUMP", dump), EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG));
    JobSpec job;
    if (fromObjectStore) {
      ObjectStoreSpec store = instance.spec().backup().objectStore().orElseThrow(
          () -> new IllegalArgumentException("a restore from the object store needs spec.backup.objectStore"));
      job = spec(instance, podLabels, PodSecurity.scratch(DUMPS_VOLUME),
          List.of(offsite(instance, store, DOWNLOAD_CONTAINER, false, List.of(), "download", dump)), restore);
    } else {
      job = spec(instance, podLabels, volume(instance), List.of(), restore);
    }
    // restore.sh stops at the first error and changes nothing then: running it again would fail the same way
    return new JobSpecBuilder(job).withBackoffLimit(0).build();
  }

  /**
   * A verification Job's spec: verify.sh, reading the dumps only. No retry: a dump that does not restore fails the same
   * way again, and every attempt makes the database server hold a second copy.
   */
  public static JobSpec verifySpec(OpenLuffyInstance instance, Map<String, String> podLabels) {
    return new JobSpecBuilder(spec(instance, podLabels, volume(instance), List.of(),
        postgres(instance, VERIFY_CONTAINER, BackupScriptsConfigMapDependent.VERIFY, true,
            EnvVars.plain("TERMINATION_LOG", TERMINATION_LOG)))).withBackoffLimit(0).build();
  }

  private static String retention(OpenLuffyInstance instance) {
    return Integer.toString(instance.spec().backup().retention());
  }

  /** A script of the ConfigMap in the database image (pg_dump and pg_restore match the server), as the superuser. */
  private static Container postgres(OpenLuffyInstance instance, String name, String script, boolean readsDumpsOnly,
      EnvVar... scriptEnv) {
    List<EnvVar> env = new ArrayList<>(List.of(EnvVars.plain("BACKUP_DIR", BACKUP_DIR)));
    env.addAll(List.of(scriptEnv));
    env.addAll(EnvVars.superuser(instance));
    return container(instance, name, instance.spec().database().image(), Scripts.command(script), env,
        readsDumpsOnly);
  }

  /**
   * offsite.sh with {@code args} in the object store's rclone image, with the remote named offsite as rclone's
   * RCLONE_CONFIG_OFFSITE_* variables; the access key only by secretKeyRef. No database credentials.
   */
  private static Container offsite(OpenLuffyInstance instance, ObjectStoreSpec store, String name,
      boolean readsDumpsOnly, List<EnvVar> scriptEnv, String... args) {
    String secret = store.getCredentialsSecretRef().getName();
    List<EnvVar> env = new ArrayList<>(List.of(
        EnvVars.plain("BACKUP_DIR", BACKUP_DIR),
        EnvVars.plain("OFFSITE", store.location())));
    env.addAll(scriptEnv);
    env.addAll(List.of(
        EnvVars.plain("RCLONE_CONFIG_OFFSITE_TYPE", "s3"),
        EnvVars.plain("RCLONE_CONFIG_OFFSITE_PROVIDER", "Other"),
        EnvVars.plain("RCLONE_CONFIG_OFFSITE_ENDPOINT", store.getEndpoint())));
    Optional.ofNullable(store.getRegion()).ifPresent(r -> env.add(EnvVars.plain("RCLONE_CONFIG_OFFSITE_REGION", r)));
    env.addAll(List.of(
        // rclone's own default is path-style: said explicitly either way
        EnvVars.plain("RCLONE_CONFIG_OFFSITE_FORCE_PATH_STYLE", Boolean.toString(store.pathStyle())),
        EnvVars.fromSecret("RCLONE_CONFIG_OFFSITE_ACCESS_KEY_ID", secret, CredentialsSecretRef.ACCESS_KEY_ID),
        EnvVars.fromSecret("RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY", secret, CredentialsSecretRef.SECRET_ACCESS_KEY),
        // rclone's cache directory, on the writable scratch volume (the root filesystem is read-only)
        EnvVars.plain("HOME", "/tmp")));
    List<String> command = new ArrayList<>(List.of(Scripts.command(BackupScriptsConfigMapDependent.OFFSITE)));
    command.addAll(List.of(args));
    return container(instance, name, store.image(), command.toArray(String[]::new), env, readsDumpsOnly);
  }

  private static Container container(OpenLuffyInstance instance, String name, String image, String[] command,
      List<EnvVar> env, boolean readsDumpsOnly) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withCommand(command)
        .withEnv(env)
        .withTerminationMessagePath(TERMINATION_LOG)
        // a failed run leaves no report; its "... failed:" line (never a secret) becomes the message instead
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withResources(WorkloadResources.backupJob(instance.spec().backup().getResources()))
        .withSecurityContext(PodSecurity.container())
        // readOnly only when true: the API server drops a false one, and the apply would differ on every reconcile
        .withVolumeMounts(new VolumeMountBuilder(PodSecurity.mount(DUMPS_VOLUME, BACKUP_DIR))
                .withReadOnly(readsDumpsOnly ? Boolean.TRUE : null).build(), PodSecurity.mount("tmp", "/tmp"),
            PodSecurity.mount("scripts", Scripts.MOUNT_PATH))
        .build();
  }

  private static Volume volume(OpenLuffyInstance instance) {
    return new VolumeBuilder().withName(DUMPS_VOLUME).withNewPersistentVolumeClaim()
        .withClaimName(BackupPvcDependent.name(instance)).endPersistentVolumeClaim().build();
  }

  /** The pod: {@code init} run one after the other to success before {@code main}; all as the postgres uid. */
  private static JobSpec spec(OpenLuffyInstance instance, Map<String, String> podLabels, Volume dumps,
      List<Container> init, Container main) {
    return new JobSpecBuilder()
        .withBackoffLimit(2)
        .withActiveDeadlineSeconds(instance.spec().backup().deadlineSeconds())
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.POSTGRES_UID))
        .withInitContainers(init)
        .withContainers(main)
        .addToVolumes(dumps)
        .addToVolumes(PodSecurity.scratch("tmp"))
        .addNewVolume().withName("scripts").withNewConfigMap().withName(BackupScriptsConfigMapDependent.name(instance))
        .endConfigMap().endVolume()
        .endSpec()
        .endTemplate()
        .build();
  }
}
