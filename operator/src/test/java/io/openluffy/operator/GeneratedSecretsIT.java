package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.ApiClient;
import io.openluffy.operator.testing.LocalApiServers;
import io.openluffy.operator.testing.MockCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Secret deleted from a Ready instance whose data exists (the database claim, bound by the real
 * StatefulSet and PV controllers): the operator reports it and creates nothing; the Secret restored from a copy
 * taken as operator/README.md says brings the instance back, and the API server started with it reads its data.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedSecretsIT {

  static final String NAME = "lost-keys";
  static final String EMAIL = "admin@keep.example";
  final String password = "pw-" + UUID.randomUUID();
  final String githubToken = "ghp_" + UUID.randomUUID().toString().replace("-", "");

  ControlPlane plane;
  KubernetesClient admin;
  ChartOperator chart;
  LocalApiServers apiServers;
  OpenLuffyInstance instance;

  @BeforeAll
  void bringUpAnInstance(ControlPlane plane, @TempDir Path data) {
    this.plane = plane;
    admin = plane.admin();
    chart = ChartOperator.install(plane);
    apiServers = new LocalApiServers(data);
    chart.start(apiServers, new SimpleMeterRegistry());
    instance = admin.resource(MockCluster.instance(NAME, spec -> { })).create();
    Instances.awaitReady(admin, NAME);
  }

  @AfterAll
  void stop() {
    admin.resources(OpenLuffyInstance.class).withName(NAME).delete();
    await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, NAME) == null);
    chart.close();
    apiServers.close();
  }

  @Test
  void aDeletedApiKeysSecretIsReportedNotRegeneratedAndTheRestoredOneReadsTheData(@TempDir Path dir)
      throws Exception {
    String ns = instance.targetNamespace();
    String secret = ApiKeysSecretDependent.name(instance);
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).withName(PostgresStatefulSetDependent
        .dataClaimName(instance)).get().getStatus().getPhase()).as("the data exists").isEqualTo("Bound");

    // The API pod: its keys from the Secret, an admin, a customer with an encrypted GitHub token.
    ApiClient api = new ApiClient(apiServers.start(NAME, podEnvironment(secretData(ns, secret))));
    assertThat(api.createAdmin(EMAIL, password).status()).isEqualTo(201);
    String session = api.accessToken(EMAIL, password);
    String customer = api.createCustomer(session, "Acme").body().path("id").asText();
    assertThat(api.putGithubToken(session, customer, githubToken).status()).isEqualTo(200);

    // The secret backup operator/README.md describes, then the loss.
    Path backup = dir.resolve("api-keys.json");
    Files.writeString(backup, jq(plane.kubectl("-n", ns, "get", "secret", secret, "-o", "json")));
    Map<String, String> before = secretData(ns, secret);
    long mark = plane.audit().mark();
    plane.kubectl("-n", ns, "delete", "secret", secret);

    OpenLuffyInstance reported = await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, NAME),
        i -> i.getStatus().condition("Ready").map(c -> "GeneratedSecretMissing".equals(c.getReason())).orElse(false));
    assertThat(reported.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("Secret " + secret + " is missing", "encryption-key", "kubectl apply",
            "A new JWT signing key only ends sessions");
    // two of the operator's 10-second rechecks
    await().pollDelay(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(30)).until(() -> true);
    assertThat(admin.secrets().inNamespace(ns).withName(secret).get()).as("no new Secret").isNull();
    List<AuditLog.Request> creates = plane.audit().since(mark, ChartOperator.USER).stream()
        .filter(r -> r.resource().equals("secrets") && r.isWrite()).toList();
    assertThat(creates).as("the operator's writes of Secrets since the deletion").isEmpty();

    plane.kubectl("apply", "-f", backup.toString());
    Instances.awaitReady(admin, NAME);
    assertThat(secretData(ns, secret)).as("the restored values").isEqualTo(before);

    // The API pod restarts with the restored Secret: the session and the encrypted token are still good.
    apiServers.stop(NAME);
    api = new ApiClient(apiServers.start(NAME, podEnvironment(secretData(ns, secret))));
    assertThat(api.me(session).status()).as("a session from before the loss").isEqualTo(200);
    assertThat(api.githubToken(api.accessToken(EMAIL, password), customer).body().path("last4").asText())
        .as("the GitHub token decrypts").isEqualTo(githubToken.substring(githubToken.length() - 4));
  }

  /** What the API Deployment passes from the Secret, by secretKeyRef. */
  static Map<String, String> podEnvironment(Map<String, String> apiKeys) {
    return Map.of("OPENLUFFY_JWT_SIGNING_KEY", apiKeys.get(ApiKeysSecretDependent.JWT_SIGNING_KEY),
        "OPENLUFFY_ENCRYPTION_KEY", apiKeys.get(ApiKeysSecretDependent.ENCRYPTION_KEY));
  }

  Map<String, String> secretData(String ns, String name) {
    Secret secret = admin.secrets().inNamespace(ns).withName(name).get();
    return secret.getData().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
        e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }

  /** The README's filter: what a re-create must not carry. */
  static String jq(String json) throws Exception {
    Process process = new ProcessBuilder("jq",
        "del(.metadata.resourceVersion, .metadata.uid, .metadata.creationTimestamp, .metadata.managedFields)")
        .start();
    process.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("jq").isZero();
    return out;
  }
}
