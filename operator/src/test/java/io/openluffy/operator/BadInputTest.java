package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import org.junit.jupiter.api.Test;

/** Specs the schema accepts but that cannot work, and two instances wanting one namespace. */
class BadInputTest extends MockClusterTest {

  @Test
  void unworkableSpecGetsInvalidSpecNamingTheFieldAndCreatesNothing() {
    cluster.create(MockCluster.instance("tight", spec -> {
      spec.setApiServer(new ApiServerSpec());
      spec.getApiServer().setResources(new ResourceRequirementsBuilder()
          .addToRequests("memory", new Quantity("2Gi")).addToLimits("memory", new Quantity("512Mi")).build());
    }));

    var failed = cluster.awaitCondition("tight", "Ready", "False");
    var ready = failed.getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.apiServer.resources.requests.memory");
    assertThat(failed.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(k8s.namespaces().withName("openluffy-tight").get()).isNull();
    assertThat(k8s.secrets().inAnyNamespace().withLabel("app.kubernetes.io/instance", "tight").list().getItems())
        .isEmpty();
    assertThat(failedReconciliations()).as("invalid input is a status, not an error retried in a loop").isZero();
  }

  @Test
  void nameTooLongForDerivedObjectNamesIsInvalidSpec() {
    String name = "a".repeat(50);
    cluster.create(MockCluster.instance(name, spec -> { }));

    var ready = cluster.awaitCondition(name, "Ready", "False").getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).startsWith("metadata.name");
    assertThat(k8s.namespaces().withName("openluffy-" + name).get()).isNull();
  }

  @Test
  void secondInstanceClaimingANamespaceGetsNamespaceConflictAndTheFirstIsUntouched() {
    var first = cluster.createReady(MockCluster.instance("first", spec -> spec.setNamespace("shared-ns")));
    var firstKeys = k8s.secrets().inNamespace("shared-ns").withName("openluffy-first-api-keys").get();

    cluster.create(MockCluster.instance("second", spec -> spec.setNamespace("shared-ns")));

    var ready = cluster.awaitCondition("second", "Ready", "False").getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("NamespaceConflict");
    assertThat(ready.getMessage()).contains("spec.namespace", "shared-ns", "first");
    assertThat(k8s.namespaces().withName("shared-ns").get().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "first");
    assertThat(k8s.secrets().inNamespace("shared-ns").list().getItems()).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("openluffy-first-postgres", "openluffy-first-api-keys");
    assertThat(k8s.secrets().inNamespace("shared-ns").withName("openluffy-first-api-keys").get().getData())
        .isEqualTo(firstKeys.getData());
    var firstNow = cluster.get("first");
    assertThat(firstNow.getStatus().isTrue("Ready")).isTrue();
    assertThat(firstNow.getMetadata().getGeneration()).isEqualTo(first.getMetadata().getGeneration());
  }

  private static double failedReconciliations() {
    return cluster.registry().find("operator.sdk.reconciliations.failed").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }
}
