package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.openluffy.operator.crd.DeletionPolicy;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import org.junit.jupiter.api.Test;

/**
 * Deleting an instance: Retain keeps the data, and a new instance of the same name adopts it only when annotated
 * (the data is another tenant's until someone says otherwise); Delete removes the namespace.
 */
class DeletionPolicyTest extends MockClusterTest {

  @Test
  void retainKeepsNamespaceClaimsAndSecretsAndANewInstanceAdoptsThemOnlyWhenAnnotated() {
    var instance = cluster.createReady(MockCluster.instance("keep", spec -> { }));
    String ns = "openluffy-keep";
    // The StatefulSet controller's data claim (the mock has no controller to make it).
    k8s.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data-openluffy-keep-postgres-0").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new Quantity("10Gi")).endResources().endSpec().build()).create();
    var passwordBefore = k8s.secrets().inNamespace(ns).withName("openluffy-keep-postgres").get().getData();
    var keysBefore = k8s.secrets().inNamespace(ns).withName("openluffy-keep-api-keys").get().getData();

    k8s.resources(OpenLuffyInstance.class).withName("keep").delete();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("keep") == null);
    var collected = cluster.collectGarbage(instance.getMetadata().getUid());

    assertThat(collected).as("owned objects go with the instance").contains("StatefulSet/openluffy-keep-postgres",
        "Deployment/openluffy-keep-api", "CronJob/openluffy-keep-backup");
    assertThat(k8s.namespaces().withName(ns).get()).isNotNull();
    assertThat(k8s.persistentVolumeClaims().inNamespace(ns).list().getItems())
        .extracting(pvc -> pvc.getMetadata().getName())
        .containsExactlyInAnyOrder("openluffy-keep-backups", "data-openluffy-keep-postgres-0");
    assertThat(k8s.secrets().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("openluffy-keep-postgres", "openluffy-keep-api-keys");

    // A new instance of the same name, even one that would delete its namespace, cannot take the data over.
    cluster.create(MockCluster.instance("keep", spec -> spec.setDeletionPolicy(DeletionPolicy.Delete)));
    var refused = cluster.awaitCondition("keep", "Ready", "False");
    assertThat(refused.getStatus().condition("Ready")).hasValueSatisfying(c -> {
      assertThat(c.getReason()).isEqualTo("RetainedDataFound");
      assertThat(c.getMessage()).contains("openluffy-keep-postgres", "openluffy-keep-api-keys",
          "data-openluffy-keep-postgres-0", "openluffy.io/adopt-retained=true", "delete namespace " + ns);
    });
    assertThat(k8s.apps().deployments().inNamespace(ns).list().getItems()).as("nothing created").isEmpty();
    k8s.resources(OpenLuffyInstance.class).withName("keep").delete();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("keep") == null);
    assertThat(k8s.namespaces().withName(ns).get()).as("deletionPolicy Delete of a refused instance").isNotNull();

    var adopting = MockCluster.instance("keep", spec -> { });
    adopting.getMetadata().setAnnotations(java.util.Map.of("openluffy.io/adopt-retained", "true"));
    var again = cluster.createReady(adopting);
    assertThat(again.getStatus().isTrue("Ready")).isTrue();
    assertThat(k8s.namespaces().withName(ns).get().getMetadata().getLabels())
        .containsEntry("openluffy.io/instance-uid", again.getMetadata().getUid());
    assertThat(k8s.secrets().inNamespace(ns).withName("openluffy-keep-postgres").get().getData())
        .as("the database password is adopted, never regenerated").isEqualTo(passwordBefore);
    assertThat(k8s.secrets().inNamespace(ns).withName("openluffy-keep-api-keys").get().getData())
        .isEqualTo(keysBefore);
  }

  @Test
  void deleteRemovesTheNamespace() {
    cluster.createReady(MockCluster.instance("gone", spec -> spec.setDeletionPolicy(DeletionPolicy.Delete)));
    assertThat(k8s.namespaces().withName("openluffy-gone").get()).isNotNull();

    k8s.resources(OpenLuffyInstance.class).withName("gone").delete();

    await().atMost(MockCluster.PATIENCE).untilAsserted(() -> {
      assertThat(cluster.get("gone")).isNull();
      assertThat(k8s.namespaces().withName("openluffy-gone").get()).isNull();
    });
  }
}
