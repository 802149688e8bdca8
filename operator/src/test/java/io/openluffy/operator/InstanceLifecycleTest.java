package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.PodEnv;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import io.openluffy.operator.testing.SecretForms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One instance brought up on the mock cluster, then changed, tampered with and reconciled again. */
class InstanceLifecycleTest extends MockClusterTest {

  static final String NS = "openluffy-acme";
  static OpenLuffyInstance ready;

  @BeforeAll
  static void bringUpInstance() {
    ready = cluster.createReady(MockCluster.instance("acme", spec -> {
      spec.setEnvironment("prod");
      spec.setHost("openluffy.acme.example");
      spec.setNetworkPolicy(new NetworkPolicySpec());
      spec.getNetworkPolicy().setApiEgressCidrs(List.of("140.82.112.0/20"));
    }));
  }

  @Test
  void reachesReadyWithStatusPerContract() {
    var status = ready.getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    assertThat(status.getNamespace()).isEqualTo(NS);
    assertThat(status.getEndpoint()).isEqualTo("https://openluffy.acme.example");
    assertThat(status.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(status.getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactlyInAnyOrder("Ready=True", "DatabaseReady=True", "ApiServerReady=True", "BackupScheduled=True",
            "IngressReady=True");
    assertThat(status.getConditions()).allSatisfy(c -> {
      assertThat(c.getLastTransitionTime()).isNotBlank();
      assertThat(c.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
      assertThat(c.getReason()).isNotBlank();
    });
  }

  @Test
  void operatorReportsReadyWithItsInformersSynced() {
    assertThat(cluster.operator().isReady()).isTrue();
  }

  @Test
  void createsEveryObjectNamedAndLabelledPerContract() {
    var ns = k8s.namespaces().withName(NS).get();
    assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");

    List<HasMetadata> objects = managedObjects();
    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
        "Namespace/openluffy-acme",
        "Secret/openluffy-acme-postgres", "Secret/openluffy-acme-api-keys",
        "StatefulSet/openluffy-acme-postgres", "Service/openluffy-acme-postgres",
        "Deployment/openluffy-acme-api", "Service/openluffy-acme-api", "Ingress/openluffy-acme-api",
        "NetworkPolicy/openluffy-acme-default-deny", "NetworkPolicy/openluffy-acme-api",
        "NetworkPolicy/openluffy-acme-postgres", "NetworkPolicy/openluffy-acme-backup",
        "PersistentVolumeClaim/openluffy-acme-backups", "CronJob/openluffy-acme-backup",
        "ConfigMap/openluffy-acme-backup-scripts", "ConfigMap/openluffy-acme-api-scripts");
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).contains(
        Map.entry("app.kubernetes.io/name", "openluffy"), Map.entry("app.kubernetes.io/instance", "acme"),
        Map.entry("app.kubernetes.io/managed-by", "openluffy-operator"), Map.entry("app.kubernetes.io/part-of", "openluffy"),
        Map.entry("openluffy.io/environment", "prod")));
    assertThat(objects).filteredOn(o -> !(o.getKind().equals("Namespace") || o.getMetadata().getName().endsWith("default-deny")))
        .allSatisfy(o -> assertThat(o.getMetadata().getLabels().get("app.kubernetes.io/component"))
            .isIn("api", "postgres", "backup"));
  }

  @Test
  void dataBearingObjectsAreNeverOwnedSoGarbageCollectionCannotTakeThem() {
    for (HasMetadata o : managedObjects()) {
      boolean data = o.getKind().equals("Namespace") || o.getKind().equals("Secret")
          || o.getKind().equals("PersistentVolumeClaim");
      if (data) {
        assertThat(o.getMetadata().getOwnerReferences()).as(o.getKind() + " " + o.getMetadata().getName()).isEmpty();
      } else {
        assertThat(o.getMetadata().getOwnerReferences()).as(o.getKind() + " " + o.getMetadata().getName())
            .singleElement().satisfies(ref -> {
              assertThat(ref.getKind()).isEqualTo("OpenLuffyInstance");
              assertThat(ref.getUid()).isEqualTo(ready.getMetadata().getUid());
            });
      }
    }
  }

  @Test
  void generatedSecretsHoldStrongKeys() {
    var keys = secret("openluffy-acme-api-keys");
    assertThat(decodedKeyBytes(keys, "jwt-signing-key")).hasSizeGreaterThanOrEqualTo(32);
    assertThat(decodedKeyBytes(keys, "encryption-key")).hasSize(32);
    var db = secret("openluffy-acme-postgres");
    assertThat(text(db, "user")).isEqualTo("openluffy");
    assertThat(text(db, "password")).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void postgresIsSpecifiedFromSpecDatabase() {
    StatefulSet sts = k8s.apps().statefulSets().inNamespace(NS).withName("openluffy-acme-postgres").get();
    assertThat(sts.getSpec().getServiceName()).isEqualTo("openluffy-acme-postgres");
    var claim = sts.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
    var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("postgres:16");
    assertThat(env(container.getEnv())).containsEntry("PGDATA", "/var/lib/postgresql/data/pgdata")
        .containsEntry("POSTGRES_PASSWORD", "secret:openluffy-acme-postgres/password");
    assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
        .contains("/var/lib/postgresql/data", "/var/run/postgresql", "/tmp");
    var service = k8s.services().inNamespace(NS).withName("openluffy-acme-postgres").get();
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
  }

  @Test
  void apiServerGetsDatabaseAndKeysFromTheSecretsOnly() {
    Deployment api = k8s.apps().deployments().inNamespace(NS).withName("openluffy-acme-api").get();
    var container = api.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("openluffy/api-server:0.1.0");
    assertThat(env(container.getEnv()))
        .containsEntry("OPENLUFFY_DATABASE_URL",
            "jdbc:postgresql://openluffy-acme-postgres.openluffy-acme.svc:5432/openluffy")
        .containsEntry("OPENLUFFY_DATABASE_USER", "secret:openluffy-acme-postgres/app-user")
        .containsEntry("OPENLUFFY_DATABASE_PASSWORD", "secret:openluffy-acme-postgres/app-password")
        .containsEntry("OPENLUFFY_JWT_SIGNING_KEY", "secret:openluffy-acme-api-keys/jwt-signing-key")
        .containsEntry("OPENLUFFY_ENCRYPTION_KEY", "secret:openluffy-acme-api-keys/encryption-key");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    Ingress ingress = k8s.network().v1().ingresses().inNamespace(NS).withName("openluffy-acme-api").get();
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("openluffy.acme.example");
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
        .isEqualTo("openluffy-acme-api");
  }

  @Test
  void prodGetsStrictNetworkPolicies() {
    NetworkPolicy deny = policy("openluffy-acme-default-deny");
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");

    NetworkPolicy api = policy("openluffy-acme-api");
    assertThat(api.getSpec().getIngress().get(0).getFrom()).anySatisfy(peer -> assertThat(
        peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "openluffy-system"));
    assertThat(api.getSpec().getEgress()).filteredOn(rule -> rule.getPorts().get(0).getPort().getIntVal() == 443)
        .singleElement().satisfies(rule -> assertThat(rule.getTo()).extracting(p -> p.getIpBlock().getCidr())
            .containsExactly("140.82.112.0/20"));

    NetworkPolicy postgres = policy("openluffy-acme-postgres");
    assertThat(postgres.getSpec().getIngress().get(0).getFrom())
        .extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
        .containsExactlyInAnyOrder("api", "backup");
  }

  @Test
  void backupRunsTheShippedScriptWithoutOverlapAndWithADeadline() throws Exception {
    CronJob cron = k8s.batch().v1().cronjobs().inNamespace(NS).withName("openluffy-acme-backup").get();
    assertThat(cron.getSpec().getSchedule()).isEqualTo("0 2 * * *");
    assertThat(cron.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    var job = cron.getSpec().getJobTemplate().getSpec();
    assertThat(job.getActiveDeadlineSeconds()).as("a hung run cannot block the next ones").isEqualTo(3600L);
    var pod = job.getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("sh", "/scripts/backup.sh");
    assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/scripts"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).extracting(v -> v.getConfigMap().getName())
        .containsExactly("openluffy-acme-backup-scripts");
    assertThat(env(container.getEnv())).containsEntry("RETENTION", "7").containsEntry("LOCK_WAIT_TIMEOUT", "60s")
        .containsEntry("PGPASSWORD", "secret:openluffy-acme-postgres/password");
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
        .isEqualTo("openluffy-acme-backups"));

    // The scripts the Jobs run are the files the script tests run against PostgreSQL and an S3 server.
    var scripts = k8s.configMaps().inNamespace(NS).withName("openluffy-acme-backup-scripts").get().getData();
    for (String name : List.of("backup.sh", "restore.sh", "verify.sh", "offsite.sh")) {
      assertThat(scripts.get(name)).as(name)
          .isEqualTo(Files.readString(Path.of("src/main/resources/scripts/" + name)));
    }
  }

  @Test
  void everyPodTemplateMeetsTheRestrictedProfile() {
    List<PodSpec> pods = List.of(
        k8s.apps().statefulSets().inNamespace(NS).withName("openluffy-acme-postgres").get().getSpec().getTemplate()
            .getSpec(),
        k8s.apps().deployments().inNamespace(NS).withName("openluffy-acme-api").get().getSpec().getTemplate()
            .getSpec(),
        k8s.batch().v1().cronjobs().inNamespace(NS).withName("openluffy-acme-backup").get().getSpec()
            .getJobTemplate().getSpec().getTemplate().getSpec());
    for (PodSpec pod : pods) {
      assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
    }
  }

  @Test
  void secondReconcileOfAReadyInstanceWritesNothing() {
    awaitReadyAtCurrentGeneration();
    cluster.drainWrites();
    double before = cluster.reconciliations();
    // An event for the instance that changes nothing it cares about: the kubelet re-reporting the same status.
    var sts = k8s.apps().statefulSets().inNamespace(NS).withName("openluffy-acme-postgres").get();
    sts.getStatus().setObservedGeneration(sts.getMetadata().getGeneration());
    sts.getStatus().setCurrentRevision("rev-" + System.nanoTime());
    k8s.resource(sts).updateStatus();

    await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciliations() > before);
    assertThat(cluster.drainWrites()).as("writes after the test's own status update")
        .containsExactly("PUT /apis/apps/v1/namespaces/openluffy-acme/statefulsets/openluffy-acme-postgres/status");
  }

  @Test
  void deletedAndEditedObjectsAreRestored() {
    awaitReadyAtCurrentGeneration();
    k8s.services().inNamespace(NS).withName("openluffy-acme-api").delete();
    k8s.network().v1().networkPolicies().inNamespace(NS).withName("openluffy-acme-postgres").delete();
    k8s.apps().deployments().inNamespace(NS).withName("openluffy-acme-api").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("attacker/image:latest");
      return d;
    });

    await().atMost(MockCluster.PATIENCE).untilAsserted(() -> {
      assertThat(k8s.services().inNamespace(NS).withName("openluffy-acme-api").get()).isNotNull();
      assertThat(policy("openluffy-acme-postgres")).isNotNull();
      assertThat(k8s.apps().deployments().inNamespace(NS).withName("openluffy-acme-api").get().getSpec()
          .getTemplate().getSpec().getContainers().get(0).getImage()).startsWith("openluffy/api-server:");
    });
  }

  @Test
  void specChangeRollsTheApiServerAndKeepsTheSecrets() {
    awaitReadyAtCurrentGeneration();
    var keysBefore = secret("openluffy-acme-api-keys").getData();
    var dbBefore = secret("openluffy-acme-postgres").getData();
    var updated = k8s.resources(OpenLuffyInstance.class).withName("acme").edit(i -> {
      i.getSpec().setVersion("0.2.0");
      return i;
    });

    await().atMost(MockCluster.PATIENCE).untilAsserted(() -> assertThat(
        k8s.apps().deployments().inNamespace(NS).withName("openluffy-acme-api").get().getSpec().getTemplate()
            .getSpec().getContainers().get(0).getImage()).isEqualTo("openluffy/api-server:0.2.0"));
    await().atMost(MockCluster.PATIENCE).untilAsserted(() -> assertThat(
        cluster.get("acme").getStatus().getObservedGeneration()).isEqualTo(updated.getMetadata().getGeneration()));
    assertThat(secret("openluffy-acme-api-keys").getData()).isEqualTo(keysBefore);
    assertThat(secret("openluffy-acme-postgres").getData()).isEqualTo(dbBefore);
  }

  @Test
  void noSecretValueAppearsInLogsEventsOrStatus() {
    List<String> secretValues = new ArrayList<>();
    for (String name : List.of("openluffy-acme-api-keys", "openluffy-acme-postgres")) {
      secret(name).getData().forEach((key, value) -> {
        if (!key.equals("user") && !key.equals("database")) {
          secretValues.addAll(SecretForms.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
      });
    }
    String logged = String.join("\n", logs.lines());
    String events = k8s.v1().events().inAnyNamespace().list().getItems().stream().map(Serialization::asJson)
        .collect(Collectors.joining("\n"));
    // serialised: the status class has no toString, so String.valueOf would read "OpenLuffyInstanceStatus@..."
    String status = Serialization.asJson(cluster.get("acme").getStatus());
    assertThat(logs.lines()).isNotEmpty();
    for (String value : secretValues) {
      assertThat(logged).doesNotContain(value);
      assertThat(events).doesNotContain(value);
      assertThat(status).doesNotContain(value);
    }
  }

  /** Earlier tests may have rolled the workloads; the mock drops their status on update, so report it again. */
  private static void awaitReadyAtCurrentGeneration() {
    cluster.markDatabaseReady(ready);
    cluster.markApiServerAvailable(ready);
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("acme"), i -> i.getStatus() != null
        && i.getStatus().isTrue("Ready")
        && i.getMetadata().getGeneration().equals(i.getStatus().getObservedGeneration()));
  }

  private static List<HasMetadata> managedObjects() {
    List<HasMetadata> all = new ArrayList<>();
    String selector = "app.kubernetes.io/instance";
    all.addAll(k8s.namespaces().withLabel(selector, "acme").list().getItems());
    all.addAll(k8s.secrets().inNamespace(NS).list().getItems());
    all.addAll(k8s.apps().statefulSets().inNamespace(NS).list().getItems());
    all.addAll(k8s.apps().deployments().inNamespace(NS).list().getItems());
    all.addAll(k8s.services().inNamespace(NS).list().getItems());
    all.addAll(k8s.network().v1().ingresses().inNamespace(NS).list().getItems());
    all.addAll(k8s.network().v1().networkPolicies().inNamespace(NS).list().getItems());
    all.addAll(k8s.persistentVolumeClaims().inNamespace(NS).list().getItems());
    all.addAll(k8s.batch().v1().cronjobs().inNamespace(NS).list().getItems());
    all.addAll(k8s.configMaps().inNamespace(NS).list().getItems());
    return all;
  }

  private static Secret secret(String name) {
    return k8s.secrets().inNamespace(NS).withName(name).get();
  }

  private static String text(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static byte[] decodedKeyBytes(Secret secret, String key) {
    return Base64.getDecoder().decode(text(secret, key));
  }

  private static NetworkPolicy policy(String name) {
    return k8s.network().v1().networkPolicies().inNamespace(NS).withName(name).get();
  }

  /** Env as name to value, secret references rendered as secret:NAME/KEY. */
  private static Map<String, String> env(List<EnvVar> env) {
    return PodEnv.of(env);
  }
}
