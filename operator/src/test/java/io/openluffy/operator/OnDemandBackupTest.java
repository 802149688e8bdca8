package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.openluffy.operator.backup.OpenLuffyBackupReconciler;
import io.openluffy.operator.crd.DumpRunStatus;
import io.openluffy.operator.crd.OpenLuffyBackup;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.RunPhase;
import io.openluffy.operator.crd.RunSpec;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.testing.JobRuns;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.ObjectStores;
import io.openluffy.operator.testing.PodEnv;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** OpenLuffyBackup on the mock: the tests play the Job controller and the kubelet (see {@link JobRuns}). */
class OnDemandBackupTest extends MockClusterTest {

  private static final Instant START = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);

  @Test
  void aBackupRunsTheScheduledBackupsPodOnceAndReportsItsDump() {
    var instance = cluster.createReady(MockCluster.instance("now", spec -> { }));
    create(backup("before-upgrade", instance.targetNamespace(), "now"));

    Job job = awaitJob(instance, "before-upgrade");
    var cronTemplate = cronJob(instance).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(job.getSpec().getTemplate().getSpec()).as("the scheduled run's pod").isEqualTo(cronTemplate);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
    assertThat(job.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("OpenLuffyBackup"));
    assertThat(RestrictedPodSecurity.violations(job.getSpec().getTemplate().getSpec())).isEmpty();

    JobRuns.started(k8s, job, START);
    assertThat(awaitStatus(instance, "before-upgrade", s -> s.getPhase() == RunPhase.Running).getStartTime())
        .isEqualTo(START.toString());
    JobRuns.podExited(k8s, job, BackupJob.CONTAINER, 0,
        JobRuns.backupReport("openluffy-20261201T101500Z-before-upgrade-x7k2p.dump", 7_699_429));
    JobRuns.completed(k8s, job, START, START.plusSeconds(4));

    var status = awaitStatus(instance, "before-upgrade", s -> s.getPhase() == RunPhase.Succeeded);
    assertThat(status.getDump()).isEqualTo("openluffy-20261201T101500Z-before-upgrade-x7k2p.dump");
    assertThat(status.getSizeBytes()).isEqualTo(7_699_429L);
    assertThat(status.getCompletionTime()).isEqualTo(START.plusSeconds(4).toString());
    assertThat(status.getMessage()).contains("Verified dump openluffy-20261201T101500Z-before-upgrade-x7k2p.dump");
    // an on-demand backup is a backup like the scheduled ones (the instance's controller reports it a moment later)
    await().atMost(MockCluster.PATIENCE).untilAsserted(() -> assertThat(cluster.get("now").getStatus().getLastBackup())
        .satisfies(last -> assertThat(last.getJob()).isEqualTo("before-upgrade")));

    // The Job is cleaned away, Argo CD applies the backup again, the operator restarts and reconciles everything:
    // nothing runs again, the record stays.
    k8s.resource(job).delete();
    var reapplied = k8s.resources(OpenLuffyBackup.class).inNamespace(instance.targetNamespace())
        .withName("before-upgrade").edit(b -> {
          b.getMetadata().setLabels(Map.of("argocd.argoproj.io/instance", "prod"));
          return b;
        });
    double seen = cluster.reconciliations();
    cluster.restartOperator();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciliations() > seen + 1);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> jobs(instance).isEmpty() && status.equals(get(instance, "before-upgrade").getStatus()));
    assertThat(reapplied.getMetadata().getLabels()).containsKey("argocd.argoproj.io/instance");
  }

  @Test
  void aFailedBackupSaysWhyFromItsPod() {
    var instance = cluster.createReady(MockCluster.instance("nowfail", spec -> { }));
    create(backup("b1", instance.targetNamespace(), "nowfail"));
    Job job = awaitJob(instance, "b1");

    JobRuns.podExited(k8s, job, BackupJob.CONTAINER, 1, "pruned: openluffy-20261101T020000Z-a.dump\nbackup failed:"
        + " not enough space in /backups: about 9624286 bytes needed, 1048576 free with 1 dump(s) kept; enlarge"
        + " spec.backup.storage\n");
    JobRuns.failed(k8s, job, START, START.plusSeconds(30));

    var status = awaitStatus(instance, "b1", s -> s.getPhase() == RunPhase.Failed);
    assertThat(status.getMessage()).contains("Backup Job b1 failed (BackoffLimitExceeded",
        ": backup failed: not enough space in /backups", "enlarge spec.backup.storage", "kubectl logs job/b1 -n "
            + instance.targetNamespace()).doesNotContain("pruned:");
  }

  /**
   * With an object store, backup.sh runs as the init container and offsite.sh upload in rclone's image after it: the
   * kubelet starts the upload only once the dump is verified and committed, and the status still shows the dump.
   */
  @Test
  void withAnObjectStoreTheVerifiedDumpIsUploadedAfterItAndTheStatusShowsTheDump() {
    var instance = cluster.createReady(MockCluster.instance("offsite", spec -> {
      ObjectStores.offsite(spec);
      spec.getBackup().setRetention(3);
    }));
    create(backup("b1", instance.targetNamespace(), "offsite"));
    Job job = awaitJob(instance, "b1");

    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod).as("the scheduled run's pod").isEqualTo(cronJob(instance).getSpec().getJobTemplate().getSpec()
        .getTemplate().getSpec());
    assertThat(pod.getInitContainers()).singleElement().satisfies(dump -> {
      assertThat(dump.getName()).isEqualTo(BackupJob.CONTAINER);
      assertThat(dump.getCommand()).containsExactly("sh", "/scripts/backup.sh");
    });
    var upload = pod.getContainers().get(0);
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(upload.getName()).isEqualTo(BackupJob.UPLOAD_CONTAINER);
    assertThat(upload.getImage()).isEqualTo("rclone/rclone:1.69.1");
    assertThat(upload.getCommand()).containsExactly("sh", "/scripts/offsite.sh", "upload");
    assertThat(PodEnv.of(upload.getEnv())).containsEntry("BACKUP_DIR", "/backups")
        .containsEntry("OFFSITE", "openluffy-backups/prod").containsEntry("RETENTION", "3")
        .containsEntry("RCLONE_CONFIG_OFFSITE_TYPE", "s3")
        .containsEntry("RCLONE_CONFIG_OFFSITE_ENDPOINT", ObjectStores.ENDPOINT)
        .containsEntry("RCLONE_CONFIG_OFFSITE_FORCE_PATH_STYLE", "true")
        .containsEntry("RCLONE_CONFIG_OFFSITE_ACCESS_KEY_ID", "secret:" + ObjectStores.SECRET + "/access-key-id")
        .containsEntry("RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY", "secret:" + ObjectStores.SECRET
            + "/secret-access-key")
        .doesNotContainKeys("PGPASSWORD", "PGUSER", "RCLONE_CONFIG_OFFSITE_REGION");
    assertThat(upload.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/backups")).singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).as("the upload only reads the dumps").isTrue());
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();

    JobRuns.podRan(k8s, job, new JobRuns.Exit(BackupJob.CONTAINER, 0,
            JobRuns.backupReport("openluffy-20261201T101500Z-b1-x7k2p.dump", 7_699_429)),
        new JobRuns.Exit(BackupJob.UPLOAD_CONTAINER, 0, ""));
    JobRuns.completed(k8s, job, START, START.plusSeconds(9));
    var status = awaitStatus(instance, "b1", s -> s.getPhase() == RunPhase.Succeeded);
    assertThat(status.getDump()).isEqualTo("openluffy-20261201T101500Z-b1-x7k2p.dump");
    assertThat(status.getSizeBytes()).isEqualTo(7_699_429L);
    await().atMost(MockCluster.PATIENCE).untilAsserted(() -> assertThat(cluster.get("offsite").getStatus()
        .getLastBackup().getDump()).isEqualTo("openluffy-20261201T101500Z-b1-x7k2p.dump"));
  }

  @Test
  void aFailedUploadFailsTheBackupWithOffsitesLine() {
    var instance = cluster.createReady(MockCluster.instance("offsitefail", ObjectStores::offsite));
    create(backup("b2", instance.targetNamespace(), "offsitefail"));
    Job job = awaitJob(instance, "b2");

    JobRuns.podRan(k8s, job, new JobRuns.Exit(BackupJob.CONTAINER, 0,
            JobRuns.backupReport("openluffy-20261201T101500Z-b2-x7k2p.dump", 7_699_429)),
        new JobRuns.Exit(BackupJob.UPLOAD_CONTAINER, 1, "offsite failed: rclone copyto (endpoint "
            + ObjectStores.ENDPOINT + "): Failed to copyto: AccessDenied: Access Denied.\n"));
    JobRuns.failed(k8s, job, START, START.plusSeconds(30));

    var status = awaitStatus(instance, "b2", s -> s.getPhase() == RunPhase.Failed);
    assertThat(status.getMessage()).contains("Backup Job b2 failed (BackoffLimitExceeded", ": offsite failed: rclone"
        + " copyto (endpoint " + ObjectStores.ENDPOINT + "): Failed to copyto: AccessDenied", "kubectl logs job/b2");
  }

  @Test
  void aBackupOutsideItsInstancesNamespaceFailsAndCreatesNothing() {
    var instance = cluster.createReady(MockCluster.instance("elsewhere", spec -> { }));
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("team-a").endMetadata().build()).create();
    create(backup("b1", "team-a", "elsewhere"));

    var status = await().atMost(MockCluster.PATIENCE).until(() -> k8s.resources(OpenLuffyBackup.class)
        .inNamespace("team-a").withName("b1").get().getStatus(), s -> s != null && s.getPhase() == RunPhase.Failed);
    assertThat(status.getMessage()).isEqualTo("OpenLuffyBackup must be in namespace " + instance.targetNamespace()
        + ", the namespace of OpenLuffyInstance elsewhere; delete it and create it there");
    assertThat(k8s.batch().v1().jobs().inNamespace("team-a").list().getItems()).isEmpty();
  }

  @Test
  void aBackupWaitsForItsInstanceAndForARunningBackup() {
    // (the mock needs no namespace for namespaced objects; on a cluster the user would create it, or Argo CD)
    String ns = "openluffy-later";
    create(backup("b1", ns, "later"));
    var waiting = await().atMost(MockCluster.PATIENCE).until(() -> k8s.resources(OpenLuffyBackup.class)
        .inNamespace(ns).withName("b1").get().getStatus(), s -> s != null && s.getPhase() == RunPhase.Pending);
    assertThat(waiting.getMessage()).isEqualTo("OpenLuffyInstance later (spec.instance) not found; waiting for it");

    // The instance arrives with a scheduled run under way: the volume has one writer at a time.
    var instance = cluster.createReady(MockCluster.instance("later", spec -> { }));
    var template = cronJob(instance).getSpec().getJobTemplate();
    Job scheduled = JobRuns.started(k8s, k8s.resource(new JobBuilder().withNewMetadata()
        .withName("openluffy-later-backup-29412345").withNamespace(ns).withLabels(template.getMetadata().getLabels())
        .endMetadata().withSpec(template.getSpec()).build()).create(), START);
    await().atMost(Duration.ofSeconds(60)).until(() -> get(instance, "b1").getStatus().getMessage(),
        m -> m.equals("waiting for Job openluffy-later-backup-29412345 to finish: one run at a time uses the backup"
            + " volume"));
    assertThat(k8s.batch().v1().jobs().inNamespace(ns).withName("b1").get()).as("not started alongside").isNull();

    JobRuns.completed(k8s, scheduled, START, START.plusSeconds(4));
    awaitJob(instance, "b1");
  }

  private static OpenLuffyBackup backup(String name, String namespace, String instance) {
    var backup = new OpenLuffyBackup();
    backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    backup.setSpec(new RunSpec());
    backup.getSpec().setInstance(instance);
    return backup;
  }

  private static void create(OpenLuffyBackup backup) {
    k8s.resource(backup).create();
  }

  private static OpenLuffyBackup get(OpenLuffyInstance instance, String name) {
    return k8s.resources(OpenLuffyBackup.class).inNamespace(instance.targetNamespace()).withName(name).get();
  }

  private static DumpRunStatus awaitStatus(OpenLuffyInstance instance, String name,
      Predicate<DumpRunStatus> until) {
    return await().atMost(MockCluster.PATIENCE).until(() -> get(instance, name).getStatus(),
        s -> s != null && until.test(s));
  }

  private static Job awaitJob(OpenLuffyInstance instance, String name) {
    return await().atMost(MockCluster.PATIENCE).until(() -> k8s.batch().v1().jobs()
        .inNamespace(instance.targetNamespace()).withName(name).get(), j -> j != null);
  }

  private static List<Job> jobs(OpenLuffyInstance instance) {
    return k8s.batch().v1().jobs().inNamespace(instance.targetNamespace())
        .withLabel(OpenLuffyBackupReconciler.RUN_LABEL).list().getItems();
  }

  private static CronJob cronJob(OpenLuffyInstance instance) {
    return await().atMost(MockCluster.PATIENCE).until(() -> k8s.batch().v1().cronjobs()
        .inNamespace(instance.targetNamespace()).withName(BackupCronJobDependent.name(instance)).get(), c -> c != null);
  }
}
