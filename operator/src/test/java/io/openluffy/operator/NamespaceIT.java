package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.testing.MockCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which namespaces an instance may take: only one it creates. Any other existing namespace (even one labelled for
 * it by hand), a reserved one and the operator's own are refused, and the operator writes nothing into them.
 */
class NamespaceIT extends OperatorOnControlPlane {

  @Test
  void anExistingNamespaceNotCreatedForTheInstanceIsRefusedAndLeftUntouched() throws Exception {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName("team-a").addToLabels("team", "a")
        .endMetadata().build()).create();
    long mark = plane.audit().mark();

    var status = refused("squatter", "team-a", "NamespaceConflict");

    assertThat(status).contains("team-a already exists and was not created by the operator for an instance named"
        + " squatter");
    assertThat(admin.namespaces().withName("team-a").get().getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("team", "a", "kubernetes.io/metadata.name", "team-a"));
    assertThat(writesIn("team-a", mark)).isEmpty();
    // kubectl describe tells the story: the refusal is a Warning Event of the instance
    String described = plane.kubectl("describe", "oli", "squatter");
    assertThat(described.substring(described.indexOf("Events:")))
        .containsPattern("Warning\\s+NamespaceConflict\\s+.*openluffy-operator\\s+Ready: spec.namespace: namespace team-a");
    admin.resources(OpenLuffyInstance.class).withName("squatter").delete();
  }

  @ParameterizedTest
  @ValueSource(strings = {"kube-system", "default", ChartOperator.NAMESPACE})
  void reservedNamespacesAndTheOperatorsOwnAreRefused(String namespace) {
    long mark = plane.audit().mark();
    String name = "takeover-" + (namespace.equals(ChartOperator.NAMESPACE) ? "operator" : namespace);

    assertThat(refused(name, namespace, "InvalidSpec")).contains("'" + namespace + "' is reserved");
    assertThat(writesIn(namespace, mark)).isEmpty();
    admin.resources(OpenLuffyInstance.class).withName(name).delete();
  }

  @Test
  void aNamespaceLabelledForTheInstanceByHandIsNotTakenEither() {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName("handed-over")
        .addToLabels(InstanceLabels.INSTANCE, "handed").addToLabels(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR)
        .endMetadata().build()).create();
    long mark = plane.audit().mark();

    assertThat(refused("handed", "handed-over", "NamespaceConflict"))
        .contains("handed-over already exists and was not created by the operator");
    assertThat(writesIn("handed-over", mark)).isEmpty();
    admin.resources(OpenLuffyInstance.class).withName("handed").delete();
  }

  /** Creates the instance and returns the message of its Ready=False condition, which has the given reason. */
  private String refused(String name, String namespace, String reason) {
    admin.resource(MockCluster.instance(name, spec -> spec.setNamespace(namespace))).create();
    var instance = Instances.awaitCondition(admin, name, "Ready", "False");
    var ready = instance.getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo(reason);
    return ready.getMessage();
  }

  /**
   * The operator's writes to the namespace itself or to anything in it, but for Events: those about instances
   * belong in namespace default (InstanceEvents).
   */
  private List<AuditLog.Request> writesIn(String namespace, long mark) {
    return plane.audit().since(mark, ChartOperator.USER).stream().filter(AuditLog.Request::isWrite)
        .filter(r -> !r.resource().equals("events"))
        .filter(r -> r.namespace().equals(namespace) || (r.resource().equals("namespaces") && r.name().equals(namespace)))
        .toList();
  }
}
