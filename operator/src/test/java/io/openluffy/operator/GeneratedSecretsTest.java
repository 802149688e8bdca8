package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.dependent.PostgresSecretDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.SecretForms;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Generated Secrets are never rewritten: missing keys that are safe to generate are added, every other key is kept,
 * and keys the data was written with are never generated while the data exists (the mock tier plays the StatefulSet
 * controller by creating the database claim).
 */
class GeneratedSecretsTest extends MockClusterTest {

  static final String JWT = ApiKeysSecretDependent.JWT_SIGNING_KEY;
  static final String ENCRYPTION = ApiKeysSecretDependent.ENCRYPTION_KEY;
  static final String TOKEN = ApiKeysSecretDependent.BOOTSTRAP_TOKEN;

  @Test
  void aRemovedJwtKeyIsGeneratedAgainAndEveryOtherKeyKeptAsItWas() {
    OpenLuffyInstance instance = cluster.createReady(MockCluster.instance("rotate", spec -> { }));
    withDataClaim(instance);
    Secret before = apiKeys(instance);
    Map<String, String> edited = new HashMap<>(before.getData());
    edited.remove(JWT);
    edited.put("note", base64("a key of the user's"));
    k8s.resource(new SecretBuilder(before).withData(edited).build()).update();

    Secret after = await().atMost(MockCluster.PATIENCE).until(() -> apiKeys(instance),
        s -> s.getData().containsKey(JWT));
    assertThat(after.getData().get(JWT)).as("a new signing key").isNotEqualTo(before.getData().get(JWT));
    assertThat(Base64Decoded.bytes(after.getData().get(JWT))).as("512 random bits").hasSize(64);
    assertThat(after.getData()).as("every other key as it was")
        .containsEntry(ENCRYPTION, before.getData().get(ENCRYPTION))
        .containsEntry(TOKEN, before.getData().get(TOKEN))
        .containsEntry("note", base64("a key of the user's"))
        .hasSize(4);
    cluster.awaitCondition("rotate", "Ready", "True");
  }

  @Test
  void aKeyAddedByAnUpgradeIsGeneratedForAnExistingSecret() {
    OpenLuffyInstance instance = cluster.createReady(MockCluster.instance("upgrade", spec -> { }));
    withDataClaim(instance);
    Secret before = postgres(instance);
    Map<String, String> older = new HashMap<>(before.getData());
    older.remove(PostgresSecretDependent.DATABASE_KEY);
    k8s.resource(new SecretBuilder(before).withData(older).build()).update();

    Secret after = await().atMost(MockCluster.PATIENCE).until(() -> postgres(instance),
        s -> s.getData().containsKey(PostgresSecretDependent.DATABASE_KEY));
    assertThat(after.getData()).containsEntry(PostgresSecretDependent.PASSWORD_KEY,
        before.getData().get(PostgresSecretDependent.PASSWORD_KEY));
  }

  @Test
  void aLostDatabaseSecretIsNotGeneratedWhileTheDataExistsAndTheRestoredOneIsUsed() throws Exception {
    OpenLuffyInstance instance = cluster.createReady(MockCluster.instance("lost", spec -> { }));
    withDataClaim(instance);
    Secret backup = postgres(instance);
    k8s.resource(backup).delete();

    OpenLuffyInstance reported = awaitReason("lost", "GeneratedSecretMissing");
    String message = reported.getStatus().condition("Ready").orElseThrow().getMessage();
    assertThat(message).contains("Secret openluffy-lost-postgres is missing", "PVC data-openluffy-lost-postgres-0",
        "kubectl apply", "reset procedure", "A new JWT signing key only ends sessions");
    assertThat(reported.getStatus().getPhase()).isEqualTo(Phase.Degraded);
    assertNoSecretIn(Serialization.asJson(reported.getStatus()), backup);
    stillAbsentAfterReconciles(instance, () -> postgres(instance));

    k8s.resource(new SecretBuilder(backup).editMetadata().withResourceVersion(null).withUid(null).endMetadata()
        .build()).create();
    cluster.awaitCondition("lost", "Ready", "True");
    assertThat(postgres(instance).getData()).isEqualTo(backup.getData());
  }

  @Test
  void aRemovedEncryptionKeyIsNotGeneratedWhileTheDataExists() throws Exception {
    OpenLuffyInstance instance = cluster.createReady(MockCluster.instance("nokey", spec -> { }));
    withDataClaim(instance);
    Secret before = apiKeys(instance);
    Map<String, String> edited = new HashMap<>(before.getData());
    edited.remove(ENCRYPTION);
    edited.remove(JWT);
    k8s.resource(new SecretBuilder(before).withData(edited).build()).update();

    OpenLuffyInstance reported = awaitReason("nokey", "GeneratedSecretMissing");
    assertThat(reported.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("Key encryption-key of Secret openluffy-nokey-api-keys is missing", "GitHub and Argo CD tokens");
    stillAbsentAfterReconciles(instance, () -> apiKeys(instance).getData().get(ENCRYPTION));
    assertThat(apiKeys(instance).getData()).as("nothing generated while the key is lost").doesNotContainKey(JWT);
  }

  @Test
  void withoutDataALostSecretIsSimplyGeneratedAgain() {
    OpenLuffyInstance instance = cluster.createReady(MockCluster.instance("fresh", spec -> { }));
    Secret before = apiKeys(instance);
    k8s.resource(before).delete();
    Secret after = await().atMost(MockCluster.PATIENCE).until(() -> apiKeys(instance), s -> s != null);
    assertThat(after.getData().get(ENCRYPTION)).isNotEqualTo(before.getData().get(ENCRYPTION));
    cluster.awaitCondition("fresh", "Ready", "True");
  }

  /** Plays the StatefulSet controller: the claim of pod 0, with the labels of the claim template. */
  static void withDataClaim(OpenLuffyInstance instance) {
    StatefulSet sts = k8s.apps().statefulSets().inNamespace(instance.targetNamespace())
        .withName(PostgresStatefulSetDependent.name(instance)).get();
    var template = sts.getSpec().getVolumeClaimTemplates().get(0);
    k8s.resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(PostgresStatefulSetDependent.dataClaimName(instance))
        .withNamespace(instance.targetNamespace()).withLabels(template.getMetadata().getLabels()).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec()
        .build()).create();
  }

  static Secret postgres(OpenLuffyInstance instance) {
    return k8s.secrets().inNamespace(instance.targetNamespace()).withName(PostgresSecretDependent.name(instance))
        .get();
  }

  static Secret apiKeys(OpenLuffyInstance instance) {
    return k8s.secrets().inNamespace(instance.targetNamespace()).withName(ApiKeysSecretDependent.name(instance))
        .get();
  }

  static OpenLuffyInstance awaitReason(String name, String reason) {
    return await().atMost(MockCluster.PATIENCE).until(() -> cluster.get(name), i -> i.getStatus() != null
        && i.getStatus().condition("Ready").map(c -> reason.equals(c.getReason())).orElse(false));
  }

  /** Three more reconciles (each poked by an edit of the database claim, which the operator watches). */
  static void stillAbsentAfterReconciles(OpenLuffyInstance instance, Callable<Object> value) throws Exception {
    for (int i = 0; i < 3; i++) {
      double reconciles = cluster.reconciliations();
      k8s.persistentVolumeClaims().inNamespace(instance.targetNamespace())
          .withName(PostgresStatefulSetDependent.dataClaimName(instance))
          .edit(claim -> new PersistentVolumeClaimBuilder(claim).editMetadata()
              .addToAnnotations("test/poke", Double.toString(reconciles)).endMetadata().build());
      await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciliations() > reconciles);
      assertThat(value.call()).as("not generated").isNull();
    }
  }

  static void assertNoSecretIn(String serialized, Secret secret) {
    secret.getData().forEach((key, value) -> {
      String plain = new String(java.util.Base64.getDecoder().decode(value));
      if (!key.equals(PostgresSecretDependent.USER_KEY) && !key.equals(PostgresSecretDependent.DATABASE_KEY)) {
        SecretForms.of(plain).forEach(form -> assertThat(serialized).as("status carries no form of " + key)
            .doesNotContain(form));
      }
    });
  }

  static String base64(String plain) {
    return java.util.Base64.getEncoder().encodeToString(plain.getBytes());
  }

  /** Secret data holds Base64 of the Base64 text of the key. */
  static final class Base64Decoded {
    static byte[] bytes(String data) {
      return java.util.Base64.getDecoder().decode(java.util.Base64.getDecoder().decode(data));
    }
  }
}
