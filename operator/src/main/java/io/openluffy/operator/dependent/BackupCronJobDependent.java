package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;

/** Scheduled {@code pg_dump -Fc} into the backup volume, one uniquely named file per successful run. */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends CrudNamedDependentResource<CronJob> {

  static final String BACKUP_DIR = "/backups";

  /**
   * Dumps to a hidden partial file, checks the archive is readable, then renames it atomically (same volume) to
   * {@code openluffy-<UTC timestamp>-<pod>.dump}: a failed or killed run never leaves a file that looks like a good
   * dump. Old dumps are pruned to RETENTION only after a successful one. Leftover partial files are removed first,
   * which is safe because concurrencyPolicy Forbid means no other run is writing.
   */
  static final String SCRIPT = """
      set -eu
      cd "$BACKUP_DIR"
      rm -f .partial-*
      name="openluffy-$(date -u +%Y%m%dT%H%M%SZ)-$HOSTNAME.dump"
      partial=".partial-$name"
      trap 'rm -f "$partial"' EXIT
      pg_dump --format=custom --file="$partial"
      pg_restore --list "$partial" > /dev/null
      mv "$partial" "$name"
      trap - EXIT
      echo "backup written: $name"
      ls -1 openluffy-*.dump | sort -r | tail -n +"$((RETENTION + 1))" | while read -r old; do
        rm -f -- "$old"
        echo "pruned: $old"
      done
      """;

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
        .withName("pg-dump")
        .withImage(instance.spec().database().image())
        .withCommand("sh", "-c", SCRIPT)
        .withEnv(
            EnvVars.plain("BACKUP_DIR", BACKUP_DIR),
            EnvVars.plain("RETENTION", Integer.toString(backup.retention())),
            EnvVars.plain("PGHOST", PostgresServiceDependent.host(instance)),
            EnvVars.plain("PGPORT", Integer.toString(PostgresStatefulSetDependent.PORT)),
            EnvVars.fromSecret("PGDATABASE", dbSecret, PostgresSecretDependent.DATABASE_KEY),
            EnvVars.fromSecret("PGUSER", dbSecret, PostgresSecretDependent.USER_KEY),
            EnvVars.fromSecret("PGPASSWORD", dbSecret, PostgresSecretDependent.PASSWORD_KEY))
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(PodSecurity.mount("backups", BACKUP_DIR), PodSecurity.mount("tmp", "/tmp"))
        .build();
    return new CronJobBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.BACKUP))
        .withNewSpec()
        .withSchedule(backup.schedule())
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, Component.BACKUP)).endMetadata()
        .withNewSpec()
        .withBackoffLimit(2)
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
        .endSpec()
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  /** Reconcile precondition: {@code spec.backup.enabled}; when it turns false the CronJob is deleted. */
  public static class BackupEnabled extends SpecCondition<CronJob> {
    public BackupEnabled() {
      super(spec -> spec.backupEnabled());
    }
  }
}
