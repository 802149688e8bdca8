package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.PostgresSecretDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.PodEnv;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API server connects as the application role, which an init container sets up as the superuser. */
class DatabaseRoleTest extends MockClusterTest {

  static OpenLuffyInstance instance;
  static PodSpec pod;

  @BeforeAll
  static void bringUpAnInstanceWithoutBackups() {
    instance = cluster.createReady(MockCluster.instance("roles", spec -> {
      spec.setBackup(new BackupSpec());
      spec.getBackup().setEnabled(false);
    }));
    pod = k8s.apps().deployments().inNamespace(instance.targetNamespace())
        .withName(ApiDeploymentDependent.name(instance)).get().getSpec().getTemplate().getSpec();
  }

  @Test
  void theApiServerConnectsAsTheAppRole() {
    Container api = pod.getContainers().get(0);
    assertThat(PodEnv.of(api.getEnv()))
        .containsEntry("OPENLUFFY_DATABASE_USER", "secret:openluffy-roles-postgres/app-user")
        .containsEntry("OPENLUFFY_DATABASE_PASSWORD", "secret:openluffy-roles-postgres/app-password");
    assertThat(decoded(postgresSecret())).containsEntry("app-user", "openluffy_app")
        .containsEntry("user", "openluffy");
  }

  @Test
  void anInitContainerSetsUpTheRoleAsTheSuperuserWithTheShippedScriptAndMeetsRestricted() throws Exception {
    assertThat(pod.getInitContainers()).hasSize(1);
    Container init = pod.getInitContainers().get(0);
    assertThat(init.getImage()).as("the database image, which has psql").isEqualTo("postgres:16");
    assertThat(init.getCommand()).containsExactly("sh", "/scripts/app-role.sh");
    assertThat(PodEnv.of(init.getEnv()))
        .containsEntry("PGHOST", "openluffy-roles-postgres.openluffy-roles.svc")
        .containsEntry("PGUSER", "secret:openluffy-roles-postgres/user")
        .containsEntry("PGPASSWORD", "secret:openluffy-roles-postgres/password")
        .containsEntry("PGDATABASE", "secret:openluffy-roles-postgres/database")
        .containsEntry("APP_USER", "secret:openluffy-roles-postgres/app-user")
        .containsEntry("APP_PASSWORD", "secret:openluffy-roles-postgres/app-password");
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();

    String configMap = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow()
        .getConfigMap().getName();
    assertThat(configMap).as("present with backups disabled").isEqualTo("openluffy-roles-api-scripts");
    assertThat(k8s.configMaps().inNamespace(instance.targetNamespace()).withName(configMap).get().getData())
        .as("the file the script tests run, byte for byte")
        .containsExactly(Map.entry("app-role.sh", Files.readString(Path.of("src/main/resources/scripts/app-role.sh"))));
  }

  /** An instance created before the app role: its Secret gains the role's keys, the superuser's stay. */
  @Test
  void anExistingSecretGainsTheAppRoleKeys() {
    Secret before = postgresSecret();
    Map<String, String> older = new HashMap<>(before.getData());
    older.remove(PostgresSecretDependent.APP_USER_KEY);
    older.remove(PostgresSecretDependent.APP_PASSWORD_KEY);
    k8s.resource(new SecretBuilder(before).withData(older).build()).update();

    Secret after = await().atMost(MockCluster.PATIENCE).until(DatabaseRoleTest::postgresSecret,
        s -> s.getData().containsKey(PostgresSecretDependent.APP_PASSWORD_KEY));
    assertThat(decoded(after)).containsEntry("app-user", "openluffy_app");
    assertThat(Base64.getDecoder().decode(decoded(after).get("app-password"))).as("32 random bytes").hasSize(32);
    assertThat(after.getData()).as("the superuser's keys as they were")
        .containsEntry("password", before.getData().get("password")).containsEntry("user", before.getData().get("user"));
  }

  static Secret postgresSecret() {
    return k8s.secrets().inNamespace(instance.targetNamespace()).withName(PostgresSecretDependent.name(instance)).get();
  }

  static Map<String, String> decoded(Secret secret) {
    return secret.getData().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> new String(Base64.getDecoder().decode(e.getValue()))));
  }
}
