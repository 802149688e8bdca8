package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.ApiIngressDependent;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.dependent.ApiNetworkPolicyDependent;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupNetworkPolicyDependent;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.dependent.DefaultDenyNetworkPolicyDependent;
import io.openluffy.operator.dependent.PostgresNetworkPolicyDependent;
import io.openluffy.operator.dependent.PostgresSecretDependent;
import io.openluffy.operator.dependent.PostgresServiceDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.LocalApiServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/dev.yaml, preprod.yaml and prod.yaml, applied with kubectl as they are in the repository, brought up by the
 * operator running as in production (SSA on, the chart's ServiceAccount and RBAC) on the real control plane.
 * kwok runs the pods; the bootstrap reaches one real API server process per instance through the ApiServerLocator.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesIT {

  static final List<String> EXAMPLES = List.of("dev", "preprod", "prod");

  ControlPlane plane;
  KubernetesClient admin;
  ChartOperator chart;
  LocalApiServers apiServers;
  OpenLuffyOperator operator;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  /** Each instance's stored spec right after kubectl apply, before the operator ever saw it. */
  final Map<String, Object> storedSpecs = new LinkedHashMap<>();
  long markBeforeOperator;
  /** Ingresses in each instance namespace while its admin did not exist yet. */
  final Map<String, Integer> ingressesBeforeAdmin = new LinkedHashMap<>();
  List<AuditLog.Request> toReady;

  @BeforeAll
  void applyExamplesAndStartTheOperator(ControlPlane plane, @TempDir Path data) throws Exception {
    this.plane = plane;
    this.admin = plane.admin();
    chart = ChartOperator.install(plane);
    for (String name : EXAMPLES) {
      plane.kubectl("apply", "-f", example(name).toString());
      storedSpecs.put(name, generic(name).getAdditionalProperties().get("spec"));
    }
    apiServers = new LocalApiServers(data);
    markBeforeOperator = plane.audit().mark();
    operator = chart.start(apiServers, registry);
    for (String name : EXAMPLES) {
      // The API pods run (kwok) but nothing answers yet, so the admin cannot be created: no Ingress may exist.
      var waiting = await(name + " waits to create its admin").atMost(Instances.PATIENCE)
          .until(() -> Instances.get(admin, name), i -> i.getStatus() != null && i.getStatus().isTrue("ApiServerReady")
              && i.getStatus().condition("AdminBootstrapped").map(c -> "ApiServerUnreachable".equals(c.getReason()))
              .orElse(false));
      ingressesBeforeAdmin.put(name, admin.network().v1().ingresses().inNamespace(waiting.targetNamespace()).list()
          .getItems().size());
      // the API server "pod" starts with the token the operator generated, as the Deployment passes it
      apiServers.start(name, Map.of("OPENLUFFY_BOOTSTRAP_TOKEN", bootstrapToken(name)));
    }
    EXAMPLES.forEach(name -> Instances.awaitReady(admin, name));
    toReady = plane.audit().since(markBeforeOperator, ChartOperator.USER);
  }

  @AfterAll
  void deleteInstances() {
    if (operator != null) {
      EXAMPLES.forEach(name -> admin.resources(OpenLuffyInstance.class).withName(name).delete());
      await().atMost(Instances.PATIENCE).until(() -> EXAMPLES.stream().allMatch(n -> Instances.get(admin, n) == null));
    }
    if (chart != null) {
      chart.close();
    }
    if (apiServers != null) {
      apiServers.close();
    }
  }

  @Test
  void eachSpecReadsBackExactlyAsAppliedAndTheOperatorOwnsNothingUnderSpec() {
    for (String name : EXAMPLES) {
      GenericKubernetesResource live = generic(name);
      assertThat(live.getAdditionalProperties().get("spec")).as(name + " spec after Ready")
          .isEqualTo(storedSpecs.get(name));
      live.getMetadata().getManagedFields().stream()
          .filter(entry -> !entry.getManager().startsWith("kubectl"))
          .forEach(entry -> assertThat(Objects.toString(entry.getFieldsV1().getAdditionalProperties()))
              .as(name + ": fields of manager " + entry.getManager() + " (" + entry.getSubresource() + ")")
              .doesNotContain("f:spec"));
    }
    // what the file says, for the fields the review found overwritten
    var prod = Instances.get(admin, "prod").getSpec();
    assertThat(prod.getEnvironment()).isEqualTo("prod");
    assertThat(prod.getApiServer().getReplicas()).isEqualTo(2);
    assertThat(prod.getDatabase().getStorage()).isEqualTo("20Gi");
    assertThat(prod.getBackup().getRetention()).isEqualTo(14);
  }

  @Test
  void everyManagedObjectExists() {
    for (String name : EXAMPLES) {
      OpenLuffyInstance instance = Instances.get(admin, name);
      String ns = instance.targetNamespace();
      List<HasMetadata> objects = new ArrayList<>(List.of(
          admin.namespaces().withName(ns).get(),
          admin.secrets().inNamespace(ns).withName(PostgresSecretDependent.name(instance)).get(),
          admin.secrets().inNamespace(ns).withName(ApiKeysSecretDependent.name(instance)).get(),
          admin.apps().statefulSets().inNamespace(ns).withName(PostgresStatefulSetDependent.name(instance)).get(),
          admin.services().inNamespace(ns).withName(PostgresServiceDependent.name(instance)).get(),
          admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance)).get(),
          admin.services().inNamespace(ns).withName(ApiServiceDependent.name(instance)).get(),
          admin.network().v1().ingresses().inNamespace(ns).withName(ApiIngressDependent.name(instance)).get(),
          admin.network().v1().networkPolicies().inNamespace(ns)
              .withName(DefaultDenyNetworkPolicyDependent.name(instance)).get(),
          admin.network().v1().networkPolicies().inNamespace(ns).withName(ApiNetworkPolicyDependent.name(instance))
              .get(),
          admin.network().v1().networkPolicies().inNamespace(ns)
              .withName(PostgresNetworkPolicyDependent.name(instance)).get()));
      if (instance.spec().backupEnabled()) {
        objects.add(admin.persistentVolumeClaims().inNamespace(ns).withName(BackupPvcDependent.name(instance)).get());
        objects.add(admin.batch().v1().cronjobs().inNamespace(ns).withName(BackupCronJobDependent.name(instance))
            .get());
        objects.add(admin.network().v1().networkPolicies().inNamespace(ns)
            .withName(BackupNetworkPolicyDependent.name(instance)).get());
      }
      assertThat(objects).as(name).doesNotContainNull();
      assertThat(admin.persistentVolumeClaims().inNamespace(ns)
          .withName("data-" + PostgresStatefulSetDependent.name(instance) + "-0").get().getStatus().getPhase())
          .as(name + " database claim").isEqualTo("Bound");
    }
  }

  @Test
  void everyPodIsAdmittedUnderRestrictedAndRunsAndTheControllersReportIt() {
    for (String name : EXAMPLES) {
      OpenLuffyInstance instance = Instances.get(admin, name);
      String ns = instance.targetNamespace();
      assertThat(admin.namespaces().withName(ns).get().getMetadata().getLabels())
          .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
      int replicas = instance.spec().apiServer().replicas();
      assertThat(admin.pods().inNamespace(ns).list().getItems()).as(name + " pods")
          .hasSize(1 + replicas)
          .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Running"));
      // set by the StatefulSet and Deployment controllers from kwok's pod status, not by the test
      assertThat(admin.apps().statefulSets().inNamespace(ns).withName(PostgresStatefulSetDependent.name(instance))
          .get().getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance))
          .get().getStatus().getAvailableReplicas()).isEqualTo(replicas);
      // the label is enforced, not decorative: a pod without the restricted settings is refused in the same namespace
      Pod unrestricted = new PodBuilder().withNewMetadata().withName("unrestricted").endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
      assertThatThrownBy(() -> admin.pods().inNamespace(ns).resource(unrestricted).create())
          .isInstanceOf(KubernetesClientException.class).hasMessageContaining("violates PodSecurity \"restricted");
    }
  }

  @Test
  void theFirstAdminIsCreatedFromEachSecretThroughARealApiServer() {
    for (String name : EXAMPLES) {
      OpenLuffyInstance instance = Instances.get(admin, name);
      var ref = instance.getSpec().getBootstrap().getAdminSecretRef();
      var data = admin.secrets().inNamespace(ref.getNamespace()).withName(ref.getName()).get().getData();
      String email = decode(data.get("email"));
      assertThat(instance.getStatus().getAdmin().getEmail()).isEqualTo(email);
      assertThat(instance.getStatus().condition("AdminBootstrapped")).hasValueSatisfying(c ->
          assertThat(c.getReason()).isEqualTo("Created"));
      assertThat(apiServers.client(name).login(email, decode(data.get("password"))).status()).isEqualTo(200);
    }
  }

  @Test
  void onlyTheOperatorsBootstrapTokenOpensTheBootstrapEndpointAndTheIngressWaitedForTheAdmin() {
    assertThat(ingressesBeforeAdmin).isEqualTo(Map.of("dev", 0, "preprod", 0, "prod", 0));
    for (String name : EXAMPLES) {
      var api = apiServers.client(name);
      var anonymous = api.createAdmin(null, "eve@evil.example", "Eve-password-123");
      assertThat(anonymous.status()).as(name + " without the token").isEqualTo(401);
      assertThat(anonymous.body().path("detail").asText()).isNotBlank();
      assertThat(api.createAdmin("not-the-token-0123456789", "eve@evil.example", "Eve-password-123").status())
          .as(name + " with a wrong token").isEqualTo(401);
      assertThat(api.createAdmin(bootstrapToken(name), "eve@evil.example", "Eve-password-123").status())
          .as(name + " with the token, once the operator created the admin").isEqualTo(403);
      assertThat(api.login("eve@evil.example", "Eve-password-123").status()).isEqualTo(401);
      OpenLuffyInstance instance = Instances.get(admin, name);
      assertThat(admin.network().v1().ingresses().inNamespace(instance.targetNamespace())
          .withName(ApiIngressDependent.name(instance)).get()).as(name + " Ingress once Ready").isNotNull();
    }
  }

  private String bootstrapToken(String name) {
    OpenLuffyInstance instance = Instances.get(admin, name);
    var keys = await(name + " api-keys Secret").atMost(Instances.PATIENCE).until(() -> admin.secrets()
        .inNamespace(instance.targetNamespace()).withName(ApiKeysSecretDependent.name(instance)).get(), k -> k != null);
    return decode(keys.getData().get(ApiKeysSecretDependent.BOOTSTRAP_TOKEN));
  }

  @Test
  void kubectlGetOliPrintsTheColumns() throws Exception {
    String table = plane.kubectl("get", "oli");
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0).split("\\s+")).containsExactly("NAME", "ENV", "PHASE", "ENDPOINT", "ADMIN", "AGE");
    assertThat(lines).anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("prod", "prod", "Ready",
        "https://openluffy.local", "admin@prod.local"));
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("dev ").contains("Ready"));
  }

  @Test
  void requestsToReadyAndZeroWritesInSteadyState() {
    Map<String, Long> verbs = AuditLog.byVerb(toReady);
    System.out.printf("[real tier] operator requests for %d instances to reach Ready, by verb: %s; writes: %s%n",
        EXAMPLES.size(), verbs, AuditLog.byVerb(toReady.stream().filter(AuditLog.Request::isWrite).toList()));
    assertThat(toReady).as("the chart's RBAC let every request through").noneMatch(r -> r.code() == 403);

    List<AuditLog.Request> stopping = new ArrayList<>();
    List<AuditLog.Request> starting = new ArrayList<>();
    for (int resync = 1; resync <= 3; resync++) {
      // a restart reconciles every instance again from scratch: the strongest forced resync there is
      long beforeStop = plane.audit().mark();
      chart.stop(operator);
      long stopped = plane.audit().mark();
      var restarted = new SimpleMeterRegistry();
      operator = chart.start(apiServers, restarted);
      await("every instance reconciled again").atMost(Instances.PATIENCE)
          .until(() -> Reconciliations.succeeded(restarted) >= EXAMPLES.size());
      stopping.addAll(writes(plane.audit().between(beforeStop, stopped, ChartOperator.USER)));
      starting.addAll(writes(plane.audit().since(stopped, ChartOperator.USER)));
    }
    assertThat(stopping).as("writes while stopping").isEmpty();
    assertThat(starting).as("writes over three forced resyncs of Ready instances").isEmpty();
  }

  /** Writes the API server carried out; refused attempts (409: a stopping workflow's apply) change nothing. */
  private static List<AuditLog.Request> writes(List<AuditLog.Request> requests) {
    requests.stream().filter(r -> r.isWrite() && r.code() >= 400)
        .forEach(r -> System.out.println("[real tier] refused write attempt: " + r));
    return requests.stream().filter(r -> r.isWrite() && r.code() < 400).toList();
  }

  private GenericKubernetesResource generic(String name) {
    return admin.genericKubernetesResources(OpenLuffyInstance.GROUP + "/" + OpenLuffyInstance.VERSION,
        "OpenLuffyInstance").withName(name).get();
  }

  static Path example(String name) {
    return Path.of(System.getProperty("openluffy.examples", "../examples")).resolve(name + ".yaml");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
