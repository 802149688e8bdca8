package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openluffy.helm.ArgoHealthCheck.Health;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import io.openluffy.operator.reconciler.StatusBuilder;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The Argo CD health check fed with statuses made by the operator's own StatusBuilder. */
class OperatorStatusHealthTest {

  private final ArgoHealthCheck check = ArgoHealthCheck.shipped();
  private final OpenLuffyInstance instance = instance();

  @Test
  void everyComponentReadyIsHealthy() {
    Health health = check.assess(withStatus(status -> status
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "PostgreSQL has a ready replica")
        .required(ConditionType.API_SERVER_READY, true, "DeploymentAvailable", "available")));

    assertThat(health.status()).isEqualTo("Healthy");
  }

  @Test
  void waitingForComponentsIsProgressingAndSaysForWhat() {
    Health health = check.assess(withStatus(status -> status
        .required(ConditionType.DATABASE_READY, false, "StatefulSetNotReady", "Waiting for a ready PostgreSQL replica")
        .required(ConditionType.API_SERVER_READY, false, "Creating", "Waiting for PostgreSQL")));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains(ConditionType.DATABASE_READY).contains(ConditionType.API_SERVER_READY);
  }

  @Test
  void invalidSpecIsDegradedWithTheFieldToFix() {
    Health health = check.assess(withStatus(status -> status
        .failed("InvalidSpec", "spec.namespace: 'kube-system' is reserved; an instance needs a namespace of its own")));

    assertThat(health).isEqualTo(new Health("Degraded",
        "Ready (InvalidSpec): spec.namespace: 'kube-system' is reserved; an instance needs a namespace of its own"));
  }

  @Test
  void losingAComponentAfterBeingReadyIsDegraded() {
    instance.setStatus(new StatusBuilder(instance, Clock.systemUTC())
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ready").build());
    Health health = check.assess(withStatus(status -> status
        .required(ConditionType.DATABASE_READY, false, "StatefulSetNotReady", "Waiting for a ready PostgreSQL replica")));

    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains(ConditionType.DATABASE_READY);
  }

  @Test
  void aSpecChangeNotYetSeenByTheOperatorIsProgressing() {
    instance.setStatus(new StatusBuilder(instance, Clock.systemUTC())
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ready").build());
    instance.getMetadata().setGeneration(instance.getMetadata().getGeneration() + 1);

    assertThat(check.assess(Manifests.documents(Manifests.SERIALIZATION.asJson(instance)).get(0)).status())
        .isEqualTo("Progressing");
  }

  private JsonNode withStatus(UnaryOperator<StatusBuilder> steps) {
    instance.setStatus(steps.apply(new StatusBuilder(instance, Clock.systemUTC())).build());
    return Manifests.documents(Manifests.SERIALIZATION.asJson(instance)).get(0);
  }

  private static OpenLuffyInstance instance() {
    OpenLuffyInstance instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName("prod").withGeneration(2L).build());
    OpenLuffyInstanceSpec spec = new OpenLuffyInstanceSpec();
    spec.setEnvironment("prod");
    instance.setSpec(spec);
    return instance;
  }
}
