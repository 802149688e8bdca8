package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.DumpRunStatus;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.crd.RestoreSource;
import io.openluffy.operator.crd.RestoreSpec;
import io.openluffy.operator.crd.RunPhase;
import io.openluffy.operator.crd.RunStatus;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.testing.JobRuns;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.ObjectStores;
import io.openluffy.operator.testing.PodEnv;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * OpenLuffyRestore on the mock: the tests play the Deployment controller (the API pods going away and coming back),
 * the Job controller and the kubelet.
 */
class RestoreTest extends MockClusterTest {

  private static final Instant START = Instant.now().minus(Duration.ofMinutes(5));

  @Test
  void aRestoreStopsTheApiServerRestoresAndStartsItAgainOnce() {
    var instance = cluster.createReady(MockCluster.instance("restored", spec -> {
      spec.setApiServer(new ApiServerSpec());
      spec.getApiServer().setReplicas(2);
    }));
    apiPodsRunning(instance);
    create(restore("r1", instance, "latest"));

    // the API server goes to zero first, and the instance says why
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 0);
    // the status of the reconcile that scaled down is written after its workflow: wait for it, not for the scale
    var restoring = await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("restored").getStatus(),
        s -> s.getPhase() == Phase.Restoring);
    assertThat(restoring.condition("Ready").orElseThrow().getMessage()).contains("OpenLuffyRestore r1 is restoring"
        + " dump latest");
    // no restore while API pods may still write (longer than the restore's recheck while it waits)
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> job(instance, "r1").get() == null);
    apiPodsGone(instance);

    Job job = await().atMost(MockCluster.PATIENCE).until(() -> job(instance, "r1").get(), j -> j != null);
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("sh", "/scripts/restore.sh");
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("DUMP");
      assertThat(e.getValue()).isEqualTo("latest");
    });
    assertThat(container.getEnv()).as("where restore.sh leaves its report").anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("TERMINATION_LOG");
      assertThat(e.getValue()).isEqualTo(container.getTerminationMessagePath());
    });
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(RestrictedPodSecurity.violations(job.getSpec().getTemplate().getSpec())).isEmpty();
    // the Job ends before the pod informer has seen the pod's report: the restore waits for it
    Instant end = Instant.now();
    JobRuns.completed(k8s, JobRuns.started(k8s, job, end.minusSeconds(20)), end.minusSeconds(20), end);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> get(instance, "r1").getStatus(),
        s -> s.getPhase() == RunPhase.Running && s.getDump() == null);
    String latest = "openluffy-20261201T020000Z-openluffy-restored-backup-29412345-x7k2p.dump";
    JobRuns.podExited(k8s, job, BackupJob.RESTORE_CONTAINER, 0, JobRuns.backupReport(latest, 7_699_429));

    var status = awaitStatus(instance, "r1", RunStatus::isFinal);
    assertThat(status.getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(status.getDump()).as("which dump latest was").isEqualTo(latest);
    assertThat(status.getSizeBytes()).isEqualTo(7_699_429L);
    assertThat(status.getCompletionTime()).isEqualTo(end.toString());
    assertThat(status.getMessage()).contains("Restored " + latest + " (7699429 bytes, latest) into the database of"
        + " OpenLuffyInstance restored");
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 2);
    await().atMost(MockCluster.PATIENCE)
        .until(() -> cluster.get("restored").getStatus().getPhase() != Phase.Restoring);
    // not counted as a backup
    assertThat(cluster.get("restored").getStatus().getLastBackup()).isNull();

    // the operator restarts (everything reconciled again): the finished restore does nothing
    k8s.resource(job).delete();
    double seen = cluster.reconciliations();
    cluster.restartOperator();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciliations() > seen + 1);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> job(instance, "r1").get() == null
        && api(instance).get().getSpec().getReplicas() == 2 && status.equals(get(instance, "r1").getStatus()));
  }

  @Test
  void aFailedRestoreSaysWhyAndStartsTheApiServerAgain() {
    var instance = cluster.createReady(MockCluster.instance("unrestored", spec -> { }));
    apiPodsRunning(instance);
    create(restore("r1", instance, "openluffy-20261201T020000Z-a.dump"));
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 0);
    apiPodsGone(instance);
    Job job = await().atMost(MockCluster.PATIENCE).until(() -> job(instance, "r1").get(), j -> j != null);

    JobRuns.podExited(k8s, job, BackupJob.RESTORE_CONTAINER, 1, "restore failed: restoring"
        + " openluffy-20261201T020000Z-a.dump into openluffy on openluffy-unrestored-postgres (nothing was changed):"
        + " ERROR:  role \"reporter\" does not exist\n");
    JobRuns.failed(k8s, job, START, START.plusSeconds(20));

    var status = awaitStatus(instance, "r1", RunStatus::isFinal);
    assertThat(status.getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(status.getMessage()).contains("Restore Job r1 failed", "(nothing was changed): ERROR:  role"
        + " \"reporter\" does not exist", "the database is as it was before", "kubectl logs job/r1");
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 1);
  }

  /**
   * From the object store: offsite.sh download in rclone's image fills a scratch volume at /backups, then restore.sh
   * runs on it as from the backup volume, which is not mounted at all. A failed download says why.
   */
  @Test
  void aRestoreFromTheObjectStoreDownloadsTheDumpIntoAScratchVolumeFirst() {
    var instance = cluster.createReady(MockCluster.instance("fromstore", ObjectStores::offsite));
    apiPodsRunning(instance);
    var restore = restore("r1", instance, "latest");
    restore.getSpec().setSource(RestoreSource.OBJECT_STORE);
    create(restore);
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 0);
    apiPodsGone(instance);

    Job job = await().atMost(MockCluster.PATIENCE).until(() -> job(instance, "r1").get(), j -> j != null);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers()).singleElement().satisfies(download -> {
      assertThat(download.getName()).isEqualTo(BackupJob.DOWNLOAD_CONTAINER);
      assertThat(download.getImage()).isEqualTo("rclone/rclone:1.69.1");
      assertThat(download.getCommand()).containsExactly("sh", "/scripts/offsite.sh", "download", "latest");
      assertThat(PodEnv.of(download.getEnv())).containsEntry("BACKUP_DIR", "/backups")
          .containsEntry("OFFSITE", "openluffy-backups/prod")
          .containsEntry("RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY", "secret:" + ObjectStores.SECRET
              + "/secret-access-key");
    });
    assertThat(pod.getContainers()).singleElement().satisfies(restoreSh -> {
      assertThat(restoreSh.getCommand()).containsExactly("sh", "/scripts/restore.sh");
      assertThat(PodEnv.of(restoreSh.getEnv())).containsEntry("DUMP", "latest").containsEntry("BACKUP_DIR",
          "/backups");
    });
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("backups")).singleElement()
        .satisfies(v -> {
          assertThat(v.getEmptyDir()).as("a scratch volume for the download").isNotNull();
          assertThat(v.getPersistentVolumeClaim()).as("the backup volume is left alone").isNull();
        });
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
    assertThat(job.getSpec().getBackoffLimit()).isZero();

    JobRuns.podRan(k8s, job, new JobRuns.Exit(BackupJob.DOWNLOAD_CONTAINER, 1, "offsite failed: no dump with a"
        + " checksum in openluffy-backups/prod\n"), new JobRuns.Exit(BackupJob.RESTORE_CONTAINER, 0, null));
    JobRuns.failed(k8s, job, START, START.plusSeconds(5));
    var status = awaitStatus(instance, "r1", RunStatus::isFinal);
    assertThat(status.getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(status.getMessage()).contains("Restore Job r1 failed", ": offsite failed: no dump with a checksum in"
        + " openluffy-backups/prod", "the database is as it was before");
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 1);
  }

  @Test
  void aRestoreFromTheObjectStoreWaitsForTheInstanceToHaveOne() {
    var instance = cluster.createReady(MockCluster.instance("nostore", spec -> { }));
    var restore = restore("r1", instance, "latest");
    restore.getSpec().setSource(RestoreSource.OBJECT_STORE);
    create(restore);

    var status = awaitStatus(instance, "r1", s -> s.getPhase() == RunPhase.Pending);
    assertThat(status.getMessage()).isEqualTo("spec.source is objectStore, but OpenLuffyInstance nostore has no"
        + " spec.backup.objectStore; waiting until it has one");
    assertThat(api(instance).get().getSpec().getReplicas()).as("the API server keeps running").isEqualTo(1);
  }

  /** The store removed while the restore waits for the API pods to go: nothing runs, and the API server comes back. */
  @Test
  void aStoreRemovedBeforeTheRestoreStartedFailsItAndChangesNothing() {
    var instance = cluster.createReady(MockCluster.instance("storegone", ObjectStores::offsite));
    apiPodsRunning(instance);
    var restore = restore("r1", instance, "latest");
    restore.getSpec().setSource(RestoreSource.OBJECT_STORE);
    create(restore);
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 0);

    k8s.resources(OpenLuffyInstance.class).withName("storegone").edit(i -> {
      i.getSpec().getBackup().setObjectStore(null);
      return i;
    });

    var status = awaitStatus(instance, "r1", RunStatus::isFinal);
    assertThat(status.getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(status.getMessage()).isEqualTo("spec.backup.objectStore was removed from OpenLuffyInstance storegone"
        + " before the restore started; nothing was changed; the API server is started again");
    assertThat(job(instance, "r1").get()).as("no restore Job").isNull();
    await().atMost(MockCluster.PATIENCE).until(() -> api(instance).get().getSpec().getReplicas() == 1);
  }

  /** The Deployment and ReplicaSet controllers' part: the API server's pods, from the Deployment's template. */
  private static void apiPodsRunning(OpenLuffyInstance instance) {
    var template = api(instance).get().getSpec().getTemplate();
    k8s.resource(new PodBuilder().withNewMetadata().withName(ApiDeploymentDependent.name(instance) + "-7d9f-x2k4p")
        .withNamespace(instance.targetNamespace()).withLabels(template.getMetadata().getLabels()).endMetadata()
        .withSpec(template.getSpec()).build()).create();
  }

  /** ... and at zero replicas they delete them. */
  private static void apiPodsGone(OpenLuffyInstance instance) {
    k8s.pods().inNamespace(instance.targetNamespace()).withLabel(InstanceLabels.COMPONENT, "api").delete();
  }

  private static Resource<Deployment> api(OpenLuffyInstance instance) {
    return k8s.apps().deployments().inNamespace(instance.targetNamespace()).withName(ApiDeploymentDependent.name(instance));
  }

  private static Resource<Job> job(OpenLuffyInstance instance, String name) {
    return k8s.batch().v1().jobs().inNamespace(instance.targetNamespace()).withName(name);
  }

  private static OpenLuffyRestore restore(String name, OpenLuffyInstance instance, String dump) {
    var restore = new OpenLuffyRestore();
    restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(instance.targetNamespace()).build());
    restore.setSpec(new RestoreSpec());
    restore.getSpec().setInstance(instance.getMetadata().getName());
    restore.getSpec().setDump(dump);
    return restore;
  }

  private static void create(OpenLuffyRestore restore) {
    k8s.resource(restore).create();
  }

  private static OpenLuffyRestore get(OpenLuffyInstance instance, String name) {
    return k8s.resources(OpenLuffyRestore.class).inNamespace(instance.targetNamespace()).withName(name).get();
  }

  private static DumpRunStatus awaitStatus(OpenLuffyInstance instance, String name,
      Predicate<RunStatus> until) {
    return await().atMost(MockCluster.PATIENCE).until(() -> get(instance, name).getStatus(),
        s -> s != null && until.test(s));
  }
}
