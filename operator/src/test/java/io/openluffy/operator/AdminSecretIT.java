package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.openluffy.operator.bootstrap.AdminCondition;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.MockCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whoever may create an instance cannot make the operator read a Secret that is not meant for it: not one in
 * another namespace (not even its existence is revealed, and the operator sends the API server no request for it),
 * and not one its owner did not opt in by label.
 */
class AdminSecretIT extends OperatorOnControlPlane {

  @Test
  void aSecretInAnotherNamespaceIsNeverReadAndItsExistenceIsNotRevealed() {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build()).create();
    admin.resource(adminSecret("team-b", "prod-admin", Map.of(AdminSecretPolicy.LABEL, "thief"))).create();
    long mark = plane.audit().mark();

    String existing = refusedMessage("thief", "team-b", "prod-admin",
        ConditionReason.AdminBootstrapped.SECRET_NOT_ALLOWED);
    String absent = refusedMessage("prober", "team-b", "no-such-secret",
        ConditionReason.AdminBootstrapped.SECRET_NOT_ALLOWED);

    assertThat(existing.replace("prod-admin", "X").replace("thief", "Y"))
        .isEqualTo(absent.replace("no-such-secret", "X").replace("prober", "Y"));
    assertThat(existing).contains("openluffy-thief", ChartOperator.NAMESPACE, AdminSecretPolicy.LABEL + "=thief");
    assertThat(plane.audit().since(mark, ChartOperator.USER)).as("the operator's requests into team-b")
        .noneMatch(r -> r.namespace().equals("team-b"));
    admin.resources(OpenLuffyInstance.class).withName("thief").delete();
    admin.resources(OpenLuffyInstance.class).withName("prober").delete();
  }

  @Test
  void aSecretIsOnlyReadOnceItsOwnerOptedItInForThisInstance() {
    admin.resource(adminSecret(ChartOperator.NAMESPACE, "plain-admin", Map.of())).create();
    long mark = plane.audit().mark();

    String message = refusedMessage("plain", ChartOperator.NAMESPACE, "plain-admin",
        ConditionReason.AdminBootstrapped.SECRET_NOT_FOUND);
    assertThat(message).contains(AdminSecretPolicy.LABEL + "=plain");
    // labelled for another instance: still not this one's
    admin.secrets().inNamespace(ChartOperator.NAMESPACE).withName("plain-admin")
        .edit(s -> { s.getMetadata().getLabels().put(AdminSecretPolicy.LABEL, "other"); return s; });
    assertThat(plane.audit().since(mark, ChartOperator.USER))
        .as("every read of Secrets in the admin namespace is filtered by a label the Secret lacked")
        .filteredOn(r -> r.resource().equals("secrets") && r.namespace().equals(ChartOperator.NAMESPACE))
        .isNotEmpty()
        .allMatch(r -> r.uri().contains("labelSelector="), "has a labelSelector");
    assertThat(Instances.get(admin, "plain").getStatus().condition(ConditionType.ADMIN_BOOTSTRAPPED).orElseThrow()
        .getReason()).isEqualTo(ConditionReason.AdminBootstrapped.SECRET_NOT_FOUND);

    // opted in: the operator sees it at once and goes on to the API server (unreachable from the test host)
    admin.secrets().inNamespace(ChartOperator.NAMESPACE).withName("plain-admin")
        .edit(s -> { s.getMetadata().getLabels().put(AdminSecretPolicy.LABEL, "plain"); return s; });
    awaitAdminReason("plain", ConditionReason.AdminBootstrapped.API_SERVER_UNREACHABLE);
    admin.resources(OpenLuffyInstance.class).withName("plain").delete();
  }

  private String refusedMessage(String name, String namespace, String secret, String reason) {
    admin.resource(MockCluster.instance(name, spec -> spec.setBootstrap(MockCluster.adminSecret(namespace, secret))))
        .create();
    return awaitAdminReason(name, reason).getStatus().condition(ConditionType.ADMIN_BOOTSTRAPPED).orElseThrow()
        .getMessage();
  }

  private OpenLuffyInstance awaitAdminReason(String name, String reason) {
    return await(name + " AdminBootstrapped " + reason).atMost(Instances.PATIENCE)
        .until(() -> Instances.get(admin, name), i -> i != null && i.getStatus() != null && i.getStatus()
            .condition(ConditionType.ADMIN_BOOTSTRAPPED).map(c -> reason.equals(c.getReason())).orElse(false));
  }

  private static io.fabric8.kubernetes.api.model.Secret adminSecret(String namespace, String name,
      Map<String, String> labels) {
    return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
        .endMetadata().withStringData(Map.of("email", "admin@" + name + ".local", "password", "Admin-password-1"))
        .build();
  }
}
