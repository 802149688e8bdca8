package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * The major-version guard on a real API server: the data directory's major is recorded, an image of another major
 * is not rolled out (which would crash-loop on "database files are incompatible with server"), a minor is.
 */
class DatabaseVersionIT extends OperatorOnControlPlane {

  @Test
  void anotherMajorIsNotRolledOutAndSaysWhyAMinorIs() {
    var instance = admin.resource(MockCluster.instance("pgver", spec -> {
      spec.setDatabase(new DatabaseSpec());
      spec.getDatabase().setImage("postgres:15.7");
    })).create();
    var ready = Instances.awaitReady(admin, "pgver");
    assertThat(ready.getStatus().getDatabase().getMajorVersion()).isEqualTo(15);

    setImage("postgres:16.4");
    var blocked = Instances.awaitCondition(admin, "pgver", ConditionType.DATABASE_UPGRADE_BLOCKED, "True");
    assertThat(blocked.getStatus().condition(ConditionType.DATABASE_UPGRADE_BLOCKED).orElseThrow().getMessage())
        .contains("postgres:16.4 is PostgreSQL 16", "data directory is PostgreSQL 15", "keeps running postgres:15.7",
            "Upgrading PostgreSQL");
    assertThat(blocked.getStatus().isTrue(ConditionType.READY)).as("the database still runs").isTrue();
    assertThat(image(instance)).isEqualTo("postgres:15.7");

    setImage("postgres:15.8");
    await("minor rolled out").atMost(Instances.PATIENCE).until(() -> image(instance).equals("postgres:15.8"));
    await("condition gone").atMost(Instances.PATIENCE).until(() -> Instances.get(admin, "pgver").getStatus()
        .condition(ConditionType.DATABASE_UPGRADE_BLOCKED).isEmpty());
    admin.resources(OpenLuffyInstance.class).withName("pgver").delete();
  }

  private void setImage(String image) {
    admin.resources(OpenLuffyInstance.class).withName("pgver").edit(i -> {
      i.getSpec().getDatabase().setImage(image);
      return i;
    });
  }

  private String image(OpenLuffyInstance instance) {
    return admin.apps().statefulSets().inNamespace(instance.targetNamespace())
        .withName(PostgresStatefulSetDependent.name(instance)).get().getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage();
  }
}
