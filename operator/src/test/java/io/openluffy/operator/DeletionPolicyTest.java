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

/** Deleting an instance: Retain keeps the data and lets a new instance adopt it; Delete removes the namespace. */
class DeletionPolicyTest extends MockClusterTest {

  @Test
  void retainKeepsNamespaceClaimsAndSecretsAndANewInstanceAdoptsThem() {
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

    var again = cluster.createReady(MockCluster.instance("keep", spec -> { }));
    assertThat(again.getStatus().isTrue("Ready")).isTrue();
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
