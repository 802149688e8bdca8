package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.openluffy.operator.bootstrap.AdminCondition;
import io.openluffy.operator.bootstrap.AdminSecretDrift;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.crd.AdminSecretRef;
import io.openluffy.operator.crd.AdminStatus;
import io.openluffy.operator.crd.BootstrapSpec;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.testing.ApiClient;
import io.openluffy.operator.testing.CapturedLogs;
import io.openluffy.operator.testing.LocalApiServers;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.SecretForms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator bootstrapping first admins end to end: the real operator on the mock Kubernetes API and, per
 * instance, a real API server on its own embedded PostgreSQL, reached through {@link LocalApiServers}; the tests
 * play kubelet. The three API servers start once for the class (the machine has two cores), so the tests are one
 * ordered story: dev, preprod and prod applied together, one with its Secret missing, one with its API server
 * down; then each is fixed, they are checked apart, a Secret drifts, the operator restarts. Passwords are random per
 * run and never printed: failure messages say where a password leaked, not what it is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBootstrapEndToEndTest {

  static final String SECRETS_NAMESPACE = MockCluster.OPERATOR_NAMESPACE;
  static final List<String> ENVIRONMENTS = List.of("dev", "preprod", "prod");
  static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir
  static Path dataRoot;
  static CapturedLogs logs;
  static LocalApiServers apiServers;
  static MockCluster cluster;
  /** Every password handed to the operator during the suite, by where it was used. */
  static final Map<String, String> passwords = new LinkedHashMap<>();

  @BeforeAll
  static void startEverything() {
    logs = new CapturedLogs();
    apiServers = new LocalApiServers(dataRoot);
    ENVIRONMENTS.forEach(apiServers::start);
    cluster = MockCluster.start(apiServers);
  }

  @AfterAll
  static void stopEverything() {
    cluster.close();
    apiServers.close();
    logs.close();
  }

  @Test
  @Order(1)
  void devPreprodAndProdAppliedTogetherEachProgressOnTheirOwn() {
    apiServers.stop("preprod");
    createSecret("prod", adminEmail("prod"), newPassword("prod"));
    createSecret("preprod", adminEmail("preprod"), newPassword("preprod"));
    ENVIRONMENTS.forEach(env -> cluster.create(instance(env)));
    ENVIRONMENTS.forEach(AdminBootstrapEndToEndTest::playKubelet);

    var prod = awaitAdmin("prod", ConditionReason.AdminBootstrapped.CREATED);
    prod = cluster.awaitCondition("prod", ConditionType.READY, "True");
    assertThat(prod.getStatus().getPhase()).isEqualTo(Phase.Ready);
    var admin = prod.getStatus().getAdmin();
    assertThat(admin.getEmail()).isEqualTo(adminEmail("prod"));
    assertThat(admin.getBootstrappedAt()).isNotBlank();
    assertThat(admin.getSecretResourceVersion()).isEqualTo(secret("prod").getMetadata().getResourceVersion());
    assertThat(condition(prod, ConditionType.ADMIN_BOOTSTRAPPED).getMessage())
        .contains(adminEmail("prod"), SECRETS_NAMESPACE + "/" + secretName("prod"));
    assertThat(api("prod").login(adminEmail("prod"), passwords.get("prod")).status()).isEqualTo(200);

    // dev: its Secret does not exist yet
    var dev = awaitAdmin("dev", ConditionReason.AdminBootstrapped.SECRET_NOT_FOUND);
    assertThat(dev.getStatus().getPhase()).isEqualTo(Phase.Bootstrapping);
    assertThat(dev.getStatus().isTrue(ConditionType.READY)).isFalse();
    assertThat(condition(dev, ConditionType.ADMIN_BOOTSTRAPPED).getMessage())
        .contains(SECRETS_NAMESPACE + "/" + secretName("dev"), "email", "password");

    // preprod: its Deployment says available but nothing answers (the API pod just died)
    var preprod = awaitAdmin("preprod", ConditionReason.AdminBootstrapped.API_SERVER_UNREACHABLE);
    assertThat(condition(preprod, ConditionType.ADMIN_BOOTSTRAPPED).getMessage())
        .contains(apiServers.url("preprod").toString(), "Retrying in");
    assertThat(preprod.getStatus().getAdmin()).isNull();
  }

  @Test
  @Order(2)
  void aSecretCreatedLateWithBadValuesIsReportedWithTheServersDetail() {
    cluster.client().resource(withData(secretMeta("dev"), Map.of("email", adminEmail("dev")))).create();
    var invalid = awaitAdmin("dev", ConditionReason.AdminBootstrapped.SECRET_INVALID);
    assertThat(condition(invalid, ConditionType.ADMIN_BOOTSTRAPPED).getMessage()).contains("key 'password'");

    editSecret("dev", "not-an-email", newPassword("dev"));
    var rejected = awaitAdmin("dev", ConditionReason.AdminBootstrapped.REJECTED);
    assertThat(condition(rejected, ConditionType.ADMIN_BOOTSTRAPPED).getMessage())
        .contains("HTTP 400", "email must be a valid e-mail address");
    assertThat(rejected.getStatus().getAdmin()).isNull();
  }

  @Test
  @Order(3)
  void fixingTheSecretBootstrapsTheInstanceWithoutAnyEditOfIt() {
    long generation = cluster.get("dev").getMetadata().getGeneration();

    editSecret("dev", adminEmail("dev"), passwords.get("dev"));

    var dev = awaitAdmin("dev", ConditionReason.AdminBootstrapped.CREATED);
    assertThat(dev.getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(dev.getStatus().isTrue(ConditionType.READY)).isTrue();
    assertThat(dev.getStatus().getAdmin().getEmail()).isEqualTo(adminEmail("dev"));
    assertThat(api("dev").login(adminEmail("dev"), passwords.get("dev")).status()).isEqualTo(200);
  }

  @Test
  @Order(4)
  void anApiServerThatWasDownIsRetriedWithBackoffUntilItIsBack() {
    await().atMost(CONVERGE).until(() -> apiServers.bootstrapAttempts("preprod") >= 2);

    apiServers.start("preprod");

    var preprod = awaitAdmin("preprod", ConditionReason.AdminBootstrapped.CREATED);
    assertThat(preprod.getStatus().isTrue(ConditionType.READY)).isTrue();
    assertThat(api("preprod").login(adminEmail("preprod"), passwords.get("preprod")).status()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void usersOfOneInstanceDoNotExistInTheOthers() {
    // The guide's "login fails in preprod but works in dev" is the expected behaviour.
    ApiClient dev = api("dev");
    String alicePassword = newPassword("alice");
    String devAdmin = dev.accessToken(adminEmail("dev"), passwords.get("dev"));
    assertThat(dev.createUser(devAdmin, "alice@dev.local", alicePassword, "viewer").status()).isEqualTo(201);
    assertThat(dev.login("alice@dev.local", alicePassword).status()).isEqualTo(200);
    assertThat(api("preprod").login("alice@dev.local", alicePassword).status()).isEqualTo(401);
    assertThat(api("prod").login("alice@dev.local", alicePassword).status()).isEqualTo(401);
    for (String env : ENVIRONMENTS) {
      for (String other : ENVIRONMENTS) {
        assertThat(api(other).login(adminEmail(env), passwords.get(env)).status())
            .as("admin of %s logging in to %s", env, other).isEqualTo(env.equals(other) ? 200 : 401);
      }
    }
  }

  @Test
  @Order(6)
  void aSecretChangedAfterBootstrapIsReportedAsDriftAndChangesNoPassword() {
    int attempts = apiServers.bootstrapAttempts("prod");
    String original = passwords.get("prod");
    String used = secret("prod").getMetadata().getResourceVersion();

    String rotated = newPassword("prod-rotated");
    editSecret("prod", adminEmail("prod"), rotated);

    var prod = await().atMost(CONVERGE).until(() -> cluster.get("prod"),
        i -> i.getStatus().isTrue(ConditionType.ADMIN_SECRET_DRIFT));
    Condition drift = condition(prod, ConditionType.ADMIN_SECRET_DRIFT);
    assertThat(drift.getReason()).isEqualTo(ConditionReason.AdminSecretDrift.CHANGED);
    assertThat(drift.getMessage()).contains("password was NOT changed", "resourceVersion " + used);
    assertThat(prod.getStatus().isTrue(ConditionType.READY)).isTrue();
    assertThat(prod.getStatus().getAdmin().getSecretResourceVersion()).isEqualTo(used);
    // The Secret's event reconciled the instance, yet the bootstrap endpoint was not called again.
    assertThat(apiServers.bootstrapAttempts("prod")).isEqualTo(attempts);
    assertThat(api("prod").login(adminEmail("prod"), original).status()).isEqualTo(200);
    assertThat(api("prod").login(adminEmail("prod"), rotated).status()).isEqualTo(401);
  }

  @Test
  @Order(7)
  void anOperatorRestartFindsTheAdminsAlreadyThereAndCreatesNoOther() {
    Map<String, AdminStatus> before = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    Map<String, Integer> attempts = new LinkedHashMap<>();
    ENVIRONMENTS.forEach(env -> {
      before.put(env, cluster.get(env).getStatus().getAdmin());
      reasons.put(env, cluster.get(env).getStatus().condition(ConditionType.ADMIN_BOOTSTRAPPED).orElseThrow()
          .getReason());
      attempts.put(env, apiServers.bootstrapAttempts(env));
    });

    cluster.restartOperator();

    for (String env : ENVIRONMENTS) {
      // the new process confirms once (the API server answers "already complete") and changes nothing it reported
      await().atMost(MockCluster.PATIENCE).until(() -> apiServers.bootstrapAttempts(env) == attempts.get(env) + 1);
      var instance = awaitAdmin(env, reasons.get(env));
      assertThat(instance.getStatus().isTrue(ConditionType.READY)).isTrue();
      assertThat(instance.getStatus().getAdmin()).isEqualTo(before.get(env));
      ApiClient api = api(env);
      var users = api.users(api.accessToken(adminEmail(env), passwords.get(env)));
      assertThat(users.status()).isEqualTo(200);
      assertThat(users.body().findValuesAsText("role")).as("roles of the users of %s", env)
          .containsOnlyOnce("admin");
    }
    // The Secret changed before the restart: still reported, still not applied.
    assertThat(cluster.get("prod").getStatus().isTrue(ConditionType.ADMIN_SECRET_DRIFT)).isTrue();
  }

  @Test
  @Order(8)
  void noPasswordAppearsInAnyLogLineStatusOrEvent() {
    List<String> lines = logs.lines();
    assertThat(lines).anyMatch(l -> l.contains("Created the first admin"));
    List<String> statuses = cluster.client().resources(OpenLuffyInstance.class).list().getItems().stream()
        .map(i -> Serialization.asJson(i.getStatus())).toList();
    List<String> events = cluster.client().v1().events().inAnyNamespace().list().getItems().stream()
        .map(Serialization::asJson).toList();
    assertThat(statuses).hasSize(ENVIRONMENTS.size());

    List<String> leaks = new ArrayList<>();
    passwords.forEach((owner, password) -> {
      leaks.addAll(places("log line", lines, password, owner));
      leaks.addAll(places("instance status", statuses, password, owner));
      leaks.addAll(places("event", events, password, owner));
    });
    assertThat(leaks).as("where a password showed up (the password itself is not printed)").isEmpty();
  }

  private static List<String> places(String kind, List<String> texts, String password, String owner) {
    List<String> found = new ArrayList<>();
    List<String> forms = SecretForms.of(password);
    for (int i = 0; i < texts.size(); i++) {
      for (int form = 0; form < forms.size(); form++) {
        if (texts.get(i).contains(forms.get(form))) {
          found.add("password of " + owner + " (form " + form + ": plain, base64, URL-encoded) in " + kind + " #" + i);
        }
      }
    }
    return found;
  }

  private static OpenLuffyInstance instance(String name) {
    return MockCluster.instance(name, spec -> {
      spec.setEnvironment(name);
      var ref = new AdminSecretRef();
      ref.setName(secretName(name));
      ref.setNamespace(SECRETS_NAMESPACE);
      var bootstrap = new BootstrapSpec();
      bootstrap.setAdminSecretRef(ref);
      spec.setBootstrap(bootstrap);
    });
  }

  private static void playKubelet(String name) {
    var instance = cluster.get(name);
    cluster.markDatabaseReady(instance);
    cluster.markApiServerAvailable(instance);
  }

  private static OpenLuffyInstance awaitAdmin(String name, String reason) {
    return await().atMost(CONVERGE).until(() -> cluster.get(name), i -> i != null && i.getStatus() != null
        && i.getStatus().condition(ConditionType.ADMIN_BOOTSTRAPPED).map(c -> reason.equals(c.getReason()))
        .orElse(false));
  }

  private static Condition condition(OpenLuffyInstance instance, String type) {
    return instance.getStatus().condition(type).orElseThrow();
  }

  private static ApiClient api(String name) {
    return apiServers.client(name);
  }

  private static String newPassword(String owner) {
    String password = "pw-" + UUID.randomUUID();
    passwords.put(owner, password);
    return password;
  }

  private static String adminEmail(String name) {
    return "admin@" + name + ".local";
  }

  private static String secretName(String name) {
    return "openluffy-" + name + "-admin";
  }

  private static Secret secret(String name) {
    return cluster.client().secrets().inNamespace(SECRETS_NAMESPACE).withName(secretName(name)).get();
  }

  private static void createSecret(String name, String email, String password) {
    cluster.client().resource(withData(secretMeta(name), email, password)).create();
  }

  private static void editSecret(String name, String email, String password) {
    cluster.client().secrets().inNamespace(SECRETS_NAMESPACE).withName(secretName(name))
        .edit(s -> withData(s, email, password));
  }

  private static Secret secretMeta(String name) {
    return new SecretBuilder().withNewMetadata().withName(secretName(name)).withNamespace(SECRETS_NAMESPACE)
        .addToLabels(AdminSecretPolicy.LABEL, name).endMetadata().withType("Opaque").build();
  }

  private static Secret withData(Secret secret, String email, String password) {
    return withData(secret, Map.of("email", email, "password", password, "first_name", "Ada", "last_name", "Admin"));
  }

  /** The mock server does not fold stringData into data, so tests write base64 data as the API server would. */
  private static Secret withData(Secret secret, Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secret.setData(data);
    return secret;
  }
}
