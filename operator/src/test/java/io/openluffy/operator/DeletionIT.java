package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.DeletionPolicy;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.dependent.PostgresSecretDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting instances with the real garbage collector and namespace controller doing their part. */
class DeletionIT extends OperatorOnControlPlane {

  @Test
  void retainKeepsTheNamespaceTheClaimsAndTheSecretsAndTheGarbageCollectorTakesTheRest() {
    OpenLuffyInstance instance = admin.resource(MockCluster.instance("keep", spec -> { })).create();
    Instances.awaitReady(admin, "keep");
    String ns = instance.targetNamespace();
    Map<String, String> secrets = Map.of(
        PostgresSecretDependent.name(instance), secretData(ns, PostgresSecretDependent.name(instance)),
        ApiKeysSecretDependent.name(instance), secretData(ns, ApiKeysSecretDependent.name(instance)));
    String dataClaim = "data-" + PostgresStatefulSetDependent.name(instance) + "-0";

    admin.resource(instance).delete();
    await("instance gone").atMost(Instances.PATIENCE).until(() -> Instances.get(admin, "keep") == null);
    // kube-controller-manager's garbage collector removes what the instance owned
    await("owned objects collected").atMost(Instances.PATIENCE).until(() ->
        admin.apps().deployments().inNamespace(ns).list().getItems().isEmpty()
            && admin.apps().statefulSets().inNamespace(ns).list().getItems().isEmpty()
            && admin.services().inNamespace(ns).list().getItems().isEmpty()
            && admin.network().networkPolicies().inNamespace(ns).list().getItems().isEmpty()
            && admin.batch().v1().cronjobs().inNamespace(ns).list().getItems().isEmpty());
    assertThat(admin.namespaces().withName(ns).get().getStatus().getPhase()).isEqualTo("Active");
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).withName(dataClaim).get()).isNotNull();
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).withName(BackupPvcDependent.name(instance)).get())
        .isNotNull();
    secrets.forEach((name, data) -> assertThat(secretData(ns, name)).as(name).isEqualTo(data));

    // A new instance of the same name is another tenant until annotated: it is refused, and even with
    // deletionPolicy Delete its deletion leaves the retained namespace alone.
    admin.resource(MockCluster.instance("keep", spec -> spec.setDeletionPolicy(DeletionPolicy.Delete))).create();
    var refused = Instances.awaitCondition(admin, "keep", "Ready", "False");
    assertThat(refused.getStatus().condition("Ready").orElseThrow().getReason()).isEqualTo("RetainedDataFound");
    assertThat(admin.apps().deployments().inNamespace(ns).list().getItems()).as("nothing created").isEmpty();
    admin.resources(OpenLuffyInstance.class).withName("keep").delete();
    await("refused instance gone").atMost(Instances.PATIENCE).until(() -> Instances.get(admin, "keep") == null);
    assertThat(admin.namespaces().withName(ns).get().getStatus().getPhase()).isEqualTo("Active");
    secrets.forEach((name, data) -> assertThat(secretData(ns, name)).as(name).isEqualTo(data));

    // documented: re-created with openluffy.io/adopt-retained=true, it adopts the namespace, Secrets and volumes
    var adopting = MockCluster.instance("keep", spec -> { });
    adopting.getMetadata().setAnnotations(Map.of("openluffy.io/adopt-retained", "true"));
    admin.resource(adopting).create();
    Instances.awaitReady(admin, "keep");
    secrets.forEach((name, data) -> assertThat(secretData(ns, name)).as(name + " after re-creation").isEqualTo(data));
    assertThat(admin.apps().statefulSets().inNamespace(ns).withName(PostgresStatefulSetDependent.name(instance)).get()
        .getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).withName(dataClaim).get().getMetadata().getUid())
        .as("the same data volume claim").isNotNull();
    admin.resources(OpenLuffyInstance.class).withName("keep").delete();
  }

  @Test
  void deleteRemovesTheNamespaceAndItsTerminationCompletes() {
    OpenLuffyInstance instance = admin.resource(MockCluster.instance("drop",
        spec -> spec.setDeletionPolicy(DeletionPolicy.Delete))).create();
    Instances.awaitReady(admin, "drop");
    String ns = instance.targetNamespace();

    admin.resource(instance).delete();
    await("instance gone").atMost(Instances.PATIENCE).until(() -> Instances.get(admin, "drop") == null);
    // the namespace controller empties the namespace and removes it: nothing is left Terminating
    await("namespace " + ns + " removed").atMost(Instances.PATIENCE)
        .until(() -> admin.namespaces().withName(ns).get() == null);
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).list().getItems()).isEmpty();
  }

  private String secretData(String namespace, String name) {
    return admin.secrets().inNamespace(namespace).withName(name).get().getData().toString();
  }
}
