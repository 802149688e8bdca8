package io.openluffy.helm;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.DeletionPolicy;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyBackup;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.crd.RestoreSpec;
import io.openluffy.operator.crd.RunPhase;
import io.openluffy.operator.crd.RunSpec;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.dependent.InstanceLabels;
import java.time.Duration;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real operator against the fabric8 mock API server through an instance's whole life
 * (created, its workloads up, a backup Job finished, features switched off, deleted) and records every request the operator makes,
 * told apart from the test's own requests by its client's User-Agent.
 */
final class OperatorAudit {

  private static final String OPERATOR_AGENT = "openluffy-operator-under-audit";
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * The permissions the operator's requests needed, whether it set blockOwnerDeletion on an owner
   * reference, and its Secret list/watch requests that were filtered neither by the managed-by
   * label nor to one Secret by name.
   */
  record Result(Set<Permission> used, boolean blocksOwnerDeletion, List<String> unfilteredSecretReads) {}

  static Result run() throws InterruptedException {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new java.util.HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    try (KubernetesClient test = server.createClient();
         KubernetesClient operatorClient = new KubernetesClientBuilder()
             .withConfig(new ConfigBuilder(test.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build()) {
      MockCluster.installCrds(test);
      test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(RenderedChart.NAMESPACE)
          .endMetadata().build()).create();
      test.secrets().inNamespace(RenderedChart.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
          .withName("openluffy-audit-admin").addToLabels(AdminSecretPolicy.LABEL, "audit").endMetadata()
          .withData(Map.of("email", "YWRtaW5AYXVkaXQubG9jYWw=", "password", "bm90LWEtcmVhbC1wYXNzd29yZA=="))
          .build()).create();
      try (OpenLuffyOperator operator = OpenLuffyOperator.create(operatorClient,
          new OperatorConfig(RenderedChart.NAMESPACE, false, false, 0), new SimpleMeterRegistry()).start()) {
        liveThroughAnInstancesLife(test);
      }
      return collect(server);
    } finally {
      server.destroy();
    }
  }

  private static void liveThroughAnInstancesLife(KubernetesClient test) {
    OpenLuffyInstance instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName("audit").build());
    OpenLuffyInstanceSpec spec = new OpenLuffyInstanceSpec();
    spec.setEnvironment("prod");
    spec.setHost("audit.openluffy.local");
    spec.setDeletionPolicy(DeletionPolicy.Delete);
    spec.setDatabase(new DatabaseSpec());
    spec.getDatabase().setStorageClassName("audit-expandable");
    spec.setBootstrap(MockCluster.adminSecret(RenderedChart.NAMESPACE, "openluffy-audit-admin"));
    instance.setSpec(spec);
    test.resource(instance).create();
    String namespace = instance.targetNamespace();

    await().atMost(WAIT).until(() -> {
      playKubelet(test, namespace);
      OpenLuffyInstance current = test.resources(OpenLuffyInstance.class).withName("audit").get();
      // Not Ready: that also needs the admin bootstrap, which needs a real API server.
      return current.getStatus() != null && current.getStatus().isTrue(ConditionType.API_SERVER_READY);
    });

    // The backup volume grows: its StorageClass is read, the claim patched (the test plays the binding).
    test.resource(new StorageClassBuilder().withNewMetadata().withName("audit-expandable").endMetadata()
        .withProvisioner("openluffy.io/audit").withAllowVolumeExpansion(true).build()).create();
    var backups = test.persistentVolumeClaims().inNamespace(namespace).withName("openluffy-audit-backups");
    await().atMost(WAIT).until(() -> backups.get() != null);
    backups.edit(claim -> {
      claim.getSpec().setVolumeName("pv-audit-backups");
      return claim;
    });
    await().atMost(WAIT).ignoreExceptions().until(() -> test.resources(OpenLuffyInstance.class).withName("audit")
        .edit(current -> {
          BackupSpec backup = current.getSpec().backup();
          backup.setStorage("30Gi");
          current.getSpec().setBackup(backup);
          return current;
        }) != null);
    await().atMost(WAIT).until(() -> "30Gi".equals(backups.get().getSpec().getResources().getRequests()
        .get("storage").toString()));

    // A backup runs (the CronJob and Job controllers' part): the operator reads the finished Job into status.lastBackup.
    runBackupJob(test, namespace);
    await().atMost(WAIT).until(() -> test.resources(OpenLuffyInstance.class).withName("audit").get().getStatus()
        .getLastBackup() != null);

    // An on-demand backup: its Job created; the Job deleted before it finished (read again, then reported).
    OpenLuffyBackup onDemand = new OpenLuffyBackup();
    onDemand.setMetadata(new ObjectMetaBuilder().withName("audit-now").withNamespace(namespace).build());
    onDemand.setSpec(new RunSpec());
    onDemand.getSpec().setInstance("audit");
    test.resource(onDemand).create();
    var backupJob = test.batch().v1().jobs().inNamespace(namespace).withName("audit-now");
    await().atMost(WAIT).until(() -> backupJob.get() != null);
    backupJob.delete();
    await().atMost(WAIT).until(() -> test.resource(onDemand).get().getStatus() != null
        && test.resource(onDemand).get().getStatus().getPhase() == RunPhase.Failed);

    // A restore: the API server to zero (no pods on the mock), its Job created and finished, the restore final.
    OpenLuffyRestore restore = new OpenLuffyRestore();
    restore.setMetadata(new ObjectMetaBuilder().withName("audit-restore").withNamespace(namespace).build());
    restore.setSpec(new RestoreSpec());
    restore.getSpec().setInstance("audit");
    restore.getSpec().setDump("latest");
    test.resource(restore).create();
    Job restoreJob = await().atMost(WAIT).until(() -> test.batch().v1().jobs().inNamespace(namespace)
        .withName("audit-restore").get(), j -> j != null);
    restoreJob.setStatus(new JobStatusBuilder().withSucceeded(1).withCompletionTime("2026-01-01T03:00:30Z")
        .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime("2026-01-01T03:00:30Z")
        .endCondition().build());
    test.resource(restoreJob).updateStatus();
    await().atMost(WAIT).until(() -> test.resource(restore).get().getStatus() != null
        && test.resource(restore).get().getStatus().isFinal());

    // Switching features off makes the workflow delete what they had created (the edit retried when it meets a
    // status write of the operator: 409).
    await().atMost(WAIT).ignoreExceptions().until(() -> test.resources(OpenLuffyInstance.class).withName("audit")
        .edit(current -> {
          OpenLuffyInstanceSpec changed = current.getSpec();
          changed.setHost(null);
          BackupSpec backup = changed.backup();
          backup.setEnabled(false);
          changed.setBackup(backup);
          NetworkPolicySpec networkPolicy = changed.networkPolicy();
          networkPolicy.setEnabled(false);
          changed.setNetworkPolicy(networkPolicy);
          return current;
        }) != null);
    await().atMost(WAIT).until(() -> test.network().v1().ingresses().inNamespace(namespace).list().getItems().isEmpty());

    test.resources(OpenLuffyInstance.class).withName("audit").delete();
    await().atMost(WAIT).until(() -> test.resources(OpenLuffyInstance.class).withName("audit").get() == null
        && test.namespaces().withName(namespace).get() == null);
  }

  /** A Job made from the backup CronJob's template, finished successfully. */
  private static void runBackupJob(KubernetesClient test, String namespace) {
    CronJob cronJob = await().atMost(WAIT).until(() -> test.batch().v1().cronjobs().inNamespace(namespace).list()
        .getItems().stream().findFirst().orElse(null), c -> c != null);
    var template = cronJob.getSpec().getJobTemplate();
    Job job = test.resource(new JobBuilder().withNewMetadata().withName(cronJob.getMetadata().getName() + "-1")
        .withNamespace(namespace).withLabels(template.getMetadata().getLabels()).endMetadata()
        .withSpec(template.getSpec()).build()).create();
    job.setStatus(new JobStatusBuilder().withSucceeded(1).withCompletionTime("2026-01-01T02:00:30Z")
        .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime("2026-01-01T02:00:30Z")
        .endCondition().build());
    test.resource(job).updateStatus();
  }

  /** What the kubelet and the workload controllers would report: every workload ready. */
  private static void playKubelet(KubernetesClient test, String namespace) {
    for (StatefulSet sts : test.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      if (sts.getStatus() == null) {
        sts.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
            .withCurrentReplicas(1).withUpdatedReplicas(1).build());
        test.resource(sts).updateStatus();
      }
    }
    for (Deployment deployment : test.apps().deployments().inNamespace(namespace).list().getItems()) {
      if (deployment.getStatus() == null) {
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        deployment.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
            .withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
            .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
        test.resource(deployment).updateStatus();
      }
    }
  }

  private static Result collect(KubernetesMockServer server) throws InterruptedException {
    Set<Permission> used = new HashSet<>();
    List<String> unfilteredSecretReads = new ArrayList<>();
    boolean blocksOwnerDeletion = false;
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (!OPERATOR_AGENT.equals(request.getHeader("User-Agent"))) {
        continue;
      }
      Optional<Permission> permission = Permission.of(request.getMethod(), request.getPath());
      permission.ifPresent(used::add);
      String query = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
      if (permission.filter(p -> p.resource().equals("secrets") && Set.of("list", "watch").contains(p.verb())).isPresent()
          && !query.contains("labelSelector=" + InstanceLabels.MANAGED_SELECTOR) && !query.contains("fieldSelector=metadata.name=")) {
        unfilteredSecretReads.add(request.getPath());
      }
      if (request.getMethod().equals("POST") || request.getMethod().equals("PUT")) {
        for (JsonNode body : Manifests.documents(request.getUtf8Body())) {
          for (JsonNode ref : body.path("metadata").path("ownerReferences")) {
            blocksOwnerDeletion |= ref.path("blockOwnerDeletion").asBoolean(false);
          }
        }
      }
    }
    return new Result(used, blocksOwnerDeletion, unfilteredSecretReads);
  }

  private OperatorAudit() {}
}
