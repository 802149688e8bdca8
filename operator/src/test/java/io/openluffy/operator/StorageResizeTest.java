package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code reconciler.StorageResize} on the mock. The tests play the StatefulSet controller (the data claim of pod 0)
 * and the volume binder (a claim's volumeName); the mock has no PersistentVolumeClaimResize admission, no CEL and no
 * resizer, so StorageIT shows the same on a real API server, and SchemaIT the refused shrink.
 */
class StorageResizeTest extends MockClusterTest {

  @Test
  void aGrowthPatchesBothClaimsWhenTheStorageClassAllowsExpansion() {
    storageClass("expandable", true);
    var instance = boundInstance("grows", "expandable");

    resize("grows", "12Gi", "25Gi");

    await().atMost(MockCluster.PATIENCE).until(() -> requested(instance, dataClaim(instance)).equals(gi(12))
        && requested(instance, BackupPvcDependent.name(instance)).equals(gi(25)));
    assertThat(cluster.get("grows").getStatus().condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED)).isEmpty();
  }

  @Test
  void aGrowthTheStorageClassCannotDoSetsAConditionNamingTheClassUntilTheClassAllowsIt() {
    storageClass("fixed", false);
    var instance = boundInstance("fixed", "fixed");

    resize("fixed", "12Gi", "20Gi");

    var said = cluster.awaitCondition("fixed", ConditionType.STORAGE_RESIZE_UNSUPPORTED, "True");
    var condition = said.getStatus().condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("StorageClassNotExpandable");
    assertThat(condition.getMessage()).contains("spec.database.storage is 12Gi", dataClaim(instance), "stays 10Gi",
        "its StorageClass fixed does not allow volume expansion", "allowVolumeExpansion: true")
        .doesNotContain("spec.backup.storage", "set the size back");
    assertThat(said.getStatus().isTrue(ConditionType.READY)).as("the database runs at its old size").isTrue();
    assertThat(requested(instance, dataClaim(instance))).isEqualTo(gi(10));

    // the remedy the message gives: the class allows expansion now; the next reconcile expands and clears
    storageClass("fixed", true);
    poke(instance);
    await().atMost(MockCluster.PATIENCE).until(() -> requested(instance, dataClaim(instance)).equals(gi(12)));
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("fixed").getStatus()
        .condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED).isEmpty());
  }

  @Test
  void aShrinkPastTheSchemaChangesNoClaimAndIsNotReportedAsAGrowth() {
    storageClass("roomy", true);
    var instance = boundInstance("shrinks", "roomy");

    // the CRD's CEL rule refuses this on a real API server (SchemaIT); the mock stores it
    resize("shrinks", "9Gi", "19Gi");

    await().pollDelay(Duration.ofSeconds(2)).atMost(MockCluster.PATIENCE).until(() -> {
      poke(instance);
      return "9Gi".equals(cluster.get("shrinks").getSpec().getDatabase().getStorage());
    });
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
        requested(instance, dataClaim(instance)).equals(gi(10))
            && requested(instance, BackupPvcDependent.name(instance)).equals(gi(20)));
    assertThat(cluster.get("shrinks").getStatus().condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED)).isEmpty();
  }

  /** A Ready instance of 10Gi data and 20Gi backups whose two claims are bound. */
  private static OpenLuffyInstance boundInstance(String name, String storageClass) {
    var instance = cluster.createReady(MockCluster.instance(name, spec -> {
      spec.setDatabase(new DatabaseSpec());
      spec.getDatabase().setStorage("10Gi");
      spec.getDatabase().setStorageClassName(storageClass);
      spec.setBackup(new BackupSpec());
      spec.getBackup().setStorage("20Gi");
    }));
    var template = k8s.apps().statefulSets().inNamespace(instance.targetNamespace())
        .withName(PostgresStatefulSetDependent.name(instance)).get().getSpec().getVolumeClaimTemplates().get(0);
    k8s.resource(new PersistentVolumeClaimBuilder(template).editMetadata().withName(dataClaim(instance))
        .withNamespace(instance.targetNamespace()).endMetadata()
        .editSpec().withVolumeName("pv-" + name + "-data").endSpec().build()).create();
    PersistentVolumeClaim backups = await().atMost(MockCluster.PATIENCE).until(() -> k8s.persistentVolumeClaims()
        .inNamespace(instance.targetNamespace()).withName(BackupPvcDependent.name(instance)).get(), c -> c != null);
    k8s.resource(new PersistentVolumeClaimBuilder(backups).editSpec().withVolumeName("pv-" + name + "-backups")
        .endSpec().build()).update();
    await().atMost(MockCluster.PATIENCE).until(() -> requested(instance, dataClaim(instance)).equals(gi(10)));
    return instance;
  }

  private static void resize(String name, String database, String backup) {
    k8s.resources(OpenLuffyInstance.class).withName(name).edit(i -> {
      i.getSpec().getDatabase().setStorage(database);
      i.getSpec().getBackup().setStorage(backup);
      return i;
    });
  }

  /** An event the operator watches (the data claim's), so the instance is reconciled now, not in 10 minutes. */
  private static void poke(OpenLuffyInstance instance) {
    k8s.persistentVolumeClaims().inNamespace(instance.targetNamespace()).withName(dataClaim(instance))
        .edit(claim -> new PersistentVolumeClaimBuilder(claim).editMetadata()
            .addToAnnotations("test/poke", Long.toString(System.nanoTime())).endMetadata().build());
  }

  private static void storageClass(String name, boolean expandable) {
    k8s.resource(new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withProvisioner("openluffy.io/test-provisioner").withAllowVolumeExpansion(expandable).build())
        .createOr(existing -> existing.update());
  }

  private static String dataClaim(OpenLuffyInstance instance) {
    return PostgresStatefulSetDependent.dataClaimName(instance);
  }

  private static Quantity requested(OpenLuffyInstance instance, String claim) {
    return k8s.persistentVolumeClaims().inNamespace(instance.targetNamespace()).withName(claim).get().getSpec()
        .getResources().getRequests().get("storage");
  }

  private static Quantity gi(int size) {
    return new Quantity(size + "Gi");
  }
}
