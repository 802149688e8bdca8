package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.backup.JobState;
import io.openluffy.operator.backup.OpenLuffyBackupReconciler;
import io.openluffy.operator.crd.BackupStatus;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.DumpRunStatus;
import io.openluffy.operator.crd.CredentialsSecretRef;
import io.openluffy.operator.crd.OpenLuffyBackup;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.crd.RunPhase;
import io.openluffy.operator.crd.RunStatus;
import io.openluffy.operator.crd.VerificationStatus;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.BackupNetworkPolicyDependent;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.dependent.VerifyCronJobDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.ObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backups on the real control plane: the CronJob controller's Jobs, the Job controller's pods, PodSecurity admission
 * of the backup pod, kwok completing it with the report backup.sh would leave in its termination message
 * (src/test/resources/kwok/pod-stages.yaml), and the operator reading it as the chart's ServiceAccount.
 */
class BackupIT extends OperatorOnControlPlane {

  static final String NAME = "backups";

  OpenLuffyInstance instance;

  @BeforeAll
  void bringUpAnInstance() {
    instance = admin.resource(MockCluster.instance(NAME, spec -> { })).create();
    instance = Instances.awaitReady(admin, NAME);
  }

  @AfterAll
  void deleteTheInstance() {
    admin.resources(OpenLuffyInstance.class).withName(NAME).delete();
    await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, NAME) == null);
  }

  /** What a platform engineer does for a backup now without the resource: a Job from the CronJob. */
  @Test
  void aBackupJobsDumpShowsInTheInstanceStatus() throws Exception {
    String ns = instance.targetNamespace();
    String job = BackupCronJobDependent.name(instance) + "-manual-1";
    plane.kubectl("-n", ns, "create", "job", job, "--from=cronjob/" + BackupCronJobDependent.name(instance));

    BackupStatus last = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500))
        .until(() -> Instances.get(admin, NAME).getStatus().getLastBackup(),
            l -> l != null && job.equals(l.getJob()) && l.getDump() != null);

    Pod pod = admin.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", job).list().getItems().get(0);
    assertThat(last.getDump()).isEqualTo("openluffy-kwok-" + pod.getMetadata().getName() + ".dump");
    assertThat(last.getSizeBytes()).isEqualTo(4096L);
    assertThat(last.getResult()).isEqualTo("Succeeded");
    assertThat(last.getDurationSeconds()).isNotNull().isNotNegative();
    assertThat(plane.kubectl("get", "oli", NAME, "-o", "jsonpath={.status.lastBackup.dump} {.status.lastBackup"
        + ".sizeBytes}")).isEqualTo(last.getDump() + " 4096");
  }

  /** A backup with kubectl apply alone: one Job, its dump in the status, and applying it again runs nothing. */
  @Test
  void anOpenLuffyBackupRunsOnceAndShowsItsDump() throws Exception {
    String ns = instance.targetNamespace();
    Path manifest = Files.writeString(Files.createTempFile("olb", ".yaml"), """
        apiVersion: openluffy.io/v1alpha1
        kind: OpenLuffyBackup
        metadata: {name: before-upgrade, namespace: %s}
        spec: {instance: %s}
        """.formatted(ns, NAME));
    plane.kubectl("apply", "-f", manifest.toString());

    var backups = admin.resources(OpenLuffyBackup.class).inNamespace(ns).withName("before-upgrade");
    DumpRunStatus status = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500))
        .until(() -> backups.get().getStatus(), s -> s != null && s.isFinal());
    Pod pod = admin.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "before-upgrade").list()
        .getItems().get(0);
    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(RunPhase.Succeeded);
    assertThat(status.getDump()).isEqualTo("openluffy-kwok-" + pod.getMetadata().getName() + ".dump");
    assertThat(status.getSizeBytes()).isEqualTo(4096L);
    assertThat(status.getStartTime()).isNotNull();
    assertThat(status.getCompletionTime()).isNotNull();
    assertThat(plane.kubectl("get", "olb", "-n", ns)).startsWith("NAME").contains("INSTANCE", "PHASE", "DUMP", "BYTES")
        .contains(status.getDump(), "4096", "Succeeded");

    // Argo CD applies it again; an edit of the spec is refused by the CRD (CEL)
    plane.kubectl("apply", "-f", manifest.toString());
    assertThatThrownBy(() -> backups.edit(b -> {
      b.getSpec().setInstance("other");
      return b;
    })).hasMessageContaining("spec is immutable: a backup runs once");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> status.equals(backups.get().getStatus()) && admin.batch().v1().jobs().inNamespace(ns)
            .withLabel(OpenLuffyBackupReconciler.RUN_LABEL).list().getItems().size() == 1);
  }

  /**
   * A restore with kubectl apply alone: the Deployment controller really takes the API pods away before the restore
   * Job runs (kwok completes it), and brings them back after.
   */
  @Test
  void anOpenLuffyRestoreStopsTheApiServerRestoresAndStartsItAgain() throws Exception {
    String ns = instance.targetNamespace();
    var api = admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance));
    var restores = applyRestore("restore-latest", "latest");

    var seen = new ArrayList<String>();
    RunStatus status = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      var phase = Instances.get(admin, NAME).getStatus().getPhase();
      int apiPods = admin.pods().inNamespace(ns).withLabel(InstanceLabels.COMPONENT, "api").list().getItems().size();
      Job job = admin.batch().v1().jobs().inNamespace(ns).withName("restore-latest").get();
      boolean running = job != null && !JobState.of(job).finished();
      seen.add(phase + " replicas=" + api.get().getSpec().getReplicas() + " apiPods=" + apiPods + " restoring="
          + running);
      return restores.get().getStatus();
    }, s -> s != null && s.isFinal());

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(RunPhase.Succeeded);
    assertThat(seen).as("observed while it ran").contains("Restoring replicas=0 apiPods=0 restoring=true")
        .noneMatch(line -> line.contains("restoring=true") && !line.contains("apiPods=0"));
    // which dump latest was, from the restore pod's termination message
    Pod pod = admin.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "restore-latest").list()
        .getItems().get(0);
    String dump = "openluffy-kwok-" + pod.getMetadata().getName() + ".dump";
    assertThat(restores.get().getStatus().getDump()).isEqualTo(dump);
    assertThat(restores.get().getStatus().getSizeBytes()).isEqualTo(4096L);
    assertThat(plane.kubectl("get", "olr", "-n", ns)).contains("RESTORED").contains(dump, "Succeeded");
    await().atMost(Instances.PATIENCE).until(() -> api.get().getSpec().getReplicas() == 1);
    Instances.awaitReady(admin, NAME);
  }

  /**
   * A restore that fails (kwok fails the pod of a restore of openluffy-kwok-fails.dump as restore.sh would: exit 1,
   * its one line as the termination message): the restore says why, and the API server comes back.
   */
  @Test
  void aFailedOpenLuffyRestoreSaysWhyAndStartsTheApiServerAgain() throws Exception {
    String ns = instance.targetNamespace();
    var api = admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance));
    var restores = applyRestore("restore-broken", "openluffy-kwok-fails.dump");

    var phases = new ArrayList<Phase>();
    RunStatus status = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      phases.add(Instances.get(admin, NAME).getStatus().getPhase());
      return restores.get().getStatus();
    }, s -> s != null && s.isFinal());

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(RunPhase.Failed);
    assertThat(status.getMessage()).contains("Restore Job restore-broken failed (BackoffLimitExceeded",
        "restore failed: restoring openluffy-kwok-fails.dump into openluffy on the instance's database (nothing was"
            + " changed): ERROR:  role \"reporter\" does not exist", "the database is as it was before",
        "kubectl logs job/restore-broken -n " + ns);
    assertThat(restores.get().getStatus().getDump()).as("a failure reports no dump").isNull();
    assertThat(phases).as("the instance while it ran").contains(Phase.Restoring);
    await().atMost(Instances.PATIENCE).until(() -> api.get().getSpec().getReplicas() == 1);
    var ready = Instances.awaitReady(admin, NAME);
    assertThat(ready.getStatus().getPhase()).isNotEqualTo(Phase.Restoring);
  }

  /**
   * spec.backup.verify on the real control plane: the verification CronJob, a Job made from it as a platform engineer
   * would start one now, kwok completing its pod with verify.sh's report, and the instance's status showing it.
   */
  @Test
  void aVerificationJobShowsInTheInstanceStatus() throws Exception {
    String ns = instance.targetNamespace();
    plane.kubectl("patch", "oli", NAME, "--type=merge", "-p", "{\"spec\":{\"backup\":{\"verify\":\"0 4 * * 0\"}}}");
    String cron = VerifyCronJobDependent.name(instance);
    await().atMost(Instances.PATIENCE).until(() -> admin.batch().v1().cronjobs().inNamespace(ns).withName(cron)
        .get() != null);
    try {
      plane.kubectl("-n", ns, "create", "job", "verify-now", "--from=cronjob/" + cron);

      VerificationStatus last = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> Instances.get(admin, NAME).getStatus().getLastVerification(),
              l -> l != null && "verify-now".equals(l.getJob()) && l.getDump() != null);

      Pod pod = admin.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "verify-now").list()
          .getItems().get(0);
      assertThat(last.getDump()).isEqualTo("openluffy-kwok-" + pod.getMetadata().getName() + ".dump");
      assertThat(last.getResult()).isEqualTo("Succeeded");
      assertThat(last.getTables()).isEqualTo(3L);
      assertThat(last.getRows()).isEqualTo(172_000L);
      assertThat(last.getLastSuccessTime()).isEqualTo(last.getTime());
      var verified = Instances.get(admin, NAME).getStatus().condition(ConditionType.BACKUP_VERIFIED).orElseThrow();
      assertThat(verified.getStatus()).isEqualTo("True");
      assertThat(verified.getReason()).isEqualTo("VerificationSucceeded");
      assertThat(verified.getMessage()).contains(last.getDump(), "3 tables, 172000 rows");
      assertThat(plane.kubectl("get", "oli", NAME, "-o", "jsonpath={.status.lastVerification.dump}"))
          .isEqualTo(last.getDump());
      assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
          .filteredOn(m -> m.getMountPath().equals("/backups")).singleElement()
          .satisfies(m -> assertThat(m.getReadOnly()).as("the dumps, read only").isTrue());
    } finally {
      plane.kubectl("patch", "oli", NAME, "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec/backup/verify\"}]");
    }
    await().atMost(Instances.PATIENCE).until(() -> admin.batch().v1().cronjobs().inNamespace(ns).withName(cron)
        .get() == null && Instances.get(admin, NAME).getStatus().getLastVerification() == null);
  }

  /** kubectl apply of an OpenLuffyRestore of {@code dump} in the instance's namespace. */
  private Resource<OpenLuffyRestore> applyRestore(String name, String dump) throws Exception {
    String ns = instance.targetNamespace();
    Path manifest = Files.writeString(Files.createTempFile("olr", ".yaml"), """
        apiVersion: openluffy.io/v1alpha1
        kind: OpenLuffyRestore
        metadata: {name: %s, namespace: %s}
        spec: {instance: %s, dump: %s}
        """.formatted(name, ns, NAME, dump));
    plane.kubectl("apply", "-f", manifest.toString());
    return admin.resources(OpenLuffyRestore.class).inNamespace(ns).withName(name);
  }

  /**
   * spec.backup.objectStore with the strict profile: the real API server accepts the backup policy with the store's
   * ipBlock, PodSecurity admission (restricted) admits the pod with backup.sh as init container and rclone's upload
   * container, kwok completes it (pg-dump's report in its init container status), the status shows the dump; an
   * OpenLuffyRestore from the store runs its download-then-restore pod the same way.
   */
  @Test
  void anInstanceWithAnObjectStoreBacksUpAndRestoresThroughAdmittedPods() throws Exception {
    String name = "offsite";
    admin.resource(MockCluster.instance(name, spec -> {
      spec.setEnvironment("prod");
      ObjectStores.offsite(spec);
    })).create();
    try {
      OpenLuffyInstance offsite = Instances.awaitReady(admin, name);
      String ns = offsite.targetNamespace();
      admin.resource(new SecretBuilder().withNewMetadata().withName(ObjectStores.SECRET).withNamespace(ns)
          .endMetadata().addToStringData(CredentialsSecretRef.ACCESS_KEY_ID, "AKIAOFFSITE")
          .addToStringData(CredentialsSecretRef.SECRET_ACCESS_KEY, "offsite-secret-key").build()).create();
      var policy = admin.network().v1().networkPolicies().inNamespace(ns)
          .withName(BackupNetworkPolicyDependent.name(offsite)).get();
      // the DNS rule has an ipBlock too (node-local DNS): the store's is the one with a peer outside it
      assertThat(policy.getSpec().getEgress()).filteredOn(rule -> rule.getPorts().stream()
          .noneMatch(port -> port.getPort().getIntVal() == 53)).filteredOn(rule -> rule.getTo().stream()
          .anyMatch(peer -> peer.getIpBlock() != null)).singleElement().satisfies(rule -> {
        assertThat(rule.getTo()).singleElement()
            .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo(ObjectStores.CIDR));
        assertThat(rule.getPorts()).singleElement()
            .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(9000));
      });

      String job = BackupCronJobDependent.name(offsite) + "-manual-1";
      plane.kubectl("-n", ns, "create", "job", job, "--from=cronjob/" + BackupCronJobDependent.name(offsite));
      BackupStatus last = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> Instances.get(admin, name).getStatus().getLastBackup(),
              l -> l != null && job.equals(l.getJob()) && l.getDump() != null);
      Pod pod = admin.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", job).list().getItems().get(0);
      assertThat(pod.getSpec().getInitContainers()).extracting(c -> c.getName()).containsExactly(BackupJob.CONTAINER);
      assertThat(pod.getSpec().getContainers()).extracting(c -> c.getName())
          .containsExactly(BackupJob.UPLOAD_CONTAINER);
      assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
      assertThat(last.getDump()).isEqualTo("openluffy-kwok-" + pod.getMetadata().getName() + ".dump");
      assertThat(last.getResult()).isEqualTo("Succeeded");

      Path manifest = Files.writeString(Files.createTempFile("olr", ".yaml"), """
          apiVersion: openluffy.io/v1alpha1
          kind: OpenLuffyRestore
          metadata: {name: from-store, namespace: %s}
          spec: {instance: %s, dump: latest, source: objectStore}
          """.formatted(ns, name));
      plane.kubectl("apply", "-f", manifest.toString());
      RunStatus restored = await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> admin.resources(OpenLuffyRestore.class).inNamespace(ns).withName("from-store").get()
              .getStatus(), s -> s != null && s.isFinal());
      assertThat(restored.getPhase()).as(restored.getMessage()).isEqualTo(RunPhase.Succeeded);
      Pod restorePod = admin.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "from-store").list()
          .getItems().get(0);
      // kwok's restore report names the pod: what latest was in the store
      assertThat(restored.getMessage()).contains("Restored openluffy-kwok-" + restorePod.getMetadata().getName()
          + ".dump (4096 bytes, latest) from the object store");
      assertThat(restorePod.getSpec().getInitContainers()).extracting(c -> c.getName())
          .containsExactly(BackupJob.DOWNLOAD_CONTAINER);
      assertThat(plane.kubectl("get", "olr", "-n", ns)).contains("SOURCE", "objectStore");

      // the store removed: the operator's apply takes the upload container and the egress rule away again
      admin.resources(OpenLuffyInstance.class).withName(name).edit(i -> {
        i.getSpec().getBackup().setObjectStore(null);
        return i;
      });
      var cron = admin.batch().v1().cronjobs().inNamespace(ns).withName(BackupCronJobDependent.name(offsite));
      await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
        var template = cron.get().getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        return template.getInitContainers().isEmpty() && template.getContainers().size() == 1
            && BackupJob.CONTAINER.equals(template.getContainers().get(0).getName());
      });
      await().atMost(Instances.PATIENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> admin.network().v1().networkPolicies().inNamespace(ns)
              .withName(BackupNetworkPolicyDependent.name(offsite)).get().getSpec().getEgress().size() == 2);
    } finally {
      admin.resources(OpenLuffyInstance.class).withName(name).delete();
      await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, name) == null);
    }
  }
}
