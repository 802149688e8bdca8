package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * Storage growth on a real API server, whose PersistentVolumeClaimResize admission accepts a larger request only for
 * a bound claim whose StorageClass allows expansion (the test plays the provisioner: cluster/VolumeProvisioner).
 */
class StorageIT extends OperatorOnControlPlane {

  @Test
  void aGrowthExpandsBothClaimsWhenTheStorageClassAllowsIt() {
    storageClass("expandable", true);
    var instance = create("grows", "expandable");
    grow("grows", "12Gi", "25Gi");
    await("claims expanded").atMost(Instances.PATIENCE).until(() ->
        requested(instance, PostgresStatefulSetDependent.dataClaimName(instance)).equals(new Quantity("12Gi"))
            && requested(instance, BackupPvcDependent.name(instance)).equals(new Quantity("25Gi")));
    assertThat(Instances.get(admin, "grows").getStatus().condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED))
        .isEmpty();
    admin.resources(OpenLuffyInstance.class).withName("grows").delete();
  }

  @Test
  void aGrowthTheStorageClassCannotDoSaysSoAndChangesNoClaim() {
    storageClass("fixed", false);
    var instance = create("fixed", "fixed");
    grow("fixed", "12Gi", "20Gi");
    var said = Instances.awaitCondition(admin, "fixed", ConditionType.STORAGE_RESIZE_UNSUPPORTED, "True");
    assertThat(said.getStatus().condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED).orElseThrow().getMessage())
        .contains("spec.database.storage is 12Gi", PostgresStatefulSetDependent.dataClaimName(instance),
            "stays 10Gi", "StorageClass fixed does not allow volume expansion", "allowVolumeExpansion: true")
        .doesNotContain("spec.backup.storage");
    assertThat(said.getStatus().isTrue(ConditionType.READY)).as("the database still runs").isTrue();
    assertThat(requested(instance, PostgresStatefulSetDependent.dataClaimName(instance)))
        .isEqualTo(new Quantity("10Gi"));

    // the remedy the message gives, on the real admission: the class allows expansion now (allowVolumeExpansion is
    // the one mutable field of a StorageClass); an event on the claim stands in for the 10-minute recheck
    storageClass("fixed", true);
    admin.persistentVolumeClaims().inNamespace(instance.targetNamespace())
        .withName(PostgresStatefulSetDependent.dataClaimName(instance))
        .edit(claim -> new PersistentVolumeClaimBuilder(claim).editMetadata()
            .addToAnnotations("test/poke", "class-now-expandable").endMetadata().build());
    await("claim expanded, condition gone").atMost(Instances.PATIENCE).until(() ->
        requested(instance, PostgresStatefulSetDependent.dataClaimName(instance)).equals(new Quantity("12Gi"))
            && Instances.get(admin, "fixed").getStatus().condition(ConditionType.STORAGE_RESIZE_UNSUPPORTED)
            .isEmpty());
    admin.resources(OpenLuffyInstance.class).withName("fixed").delete();
  }

  private OpenLuffyInstance create(String name, String storageClass) {
    var instance = admin.resource(MockCluster.instance(name, spec -> {
      spec.setDatabase(new DatabaseSpec());
      spec.getDatabase().setStorage("10Gi");
      spec.getDatabase().setStorageClassName(storageClass);
      spec.setBackup(new BackupSpec());
      spec.getBackup().setStorage("20Gi");
    })).create();
    Instances.awaitReady(admin, name);
    await("claims bound").atMost(Instances.PATIENCE).until(() ->
        bound(instance, PostgresStatefulSetDependent.dataClaimName(instance))
            && bound(instance, BackupPvcDependent.name(instance)));
    return instance;
  }

  private void grow(String name, String database, String backup) {
    admin.resources(OpenLuffyInstance.class).withName(name).edit(i -> {
      i.getSpec().getDatabase().setStorage(database);
      i.getSpec().getBackup().setStorage(backup);
      return i;
    });
  }

  private void storageClass(String name, boolean expandable) {
    admin.resource(new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withProvisioner("openluffy.io/test-provisioner").withAllowVolumeExpansion(expandable).build())
        .serverSideApply();
  }

  private boolean bound(OpenLuffyInstance instance, String claim) {
    PersistentVolumeClaim pvc = admin.persistentVolumeClaims().inNamespace(instance.targetNamespace())
        .withName(claim).get();
    return pvc != null && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
  }

  private Quantity requested(OpenLuffyInstance instance, String claim) {
    return admin.persistentVolumeClaims().inNamespace(instance.targetNamespace()).withName(claim).get()
        .getSpec().getResources().getRequests().get("storage");
  }
}
