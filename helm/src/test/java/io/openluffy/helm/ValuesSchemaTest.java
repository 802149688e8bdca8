package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** values.schema.json: wrong values stop helm with a message naming the key, before anything is applied. */
class ValuesSchemaTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "operator.replicas|two|operator.replicas",
      "operator.replicas|0|operator.replicas",
      "operator.image.pullPolicy|Sometimes|operator.image.pullPolicy",
      "replicaCount|2|replicaCount: replicaCount must be one of the following: \"is not a key of this chart: use operator.replicas\"",
      "image.repository|registry.example.com/operator|use operator.image (repository, tag, pullPolicy)",
      "image.tag|0.2.0|use operator.image (repository, tag, pullPolicy)",
      "imagePullSecrets[0].name|regcred|use operator.imagePullSecrets",
      "nameOverride|Luffy_Platform|nameOverride",
      "fullnameOverride|-acme|fullnameOverride",
      "crds.install|maybe|crds.install",
      "crds.enabled|false|crds",
      "operator.securityContext|privileged|operator.securityContext",
      "metrics.podMonitor.enable|true|metrics.podMonitor",
      "metrics.prometheusRule.apiErrorRatio|5|metrics.prometheusRule.apiErrorRatio",
      "metrics.prometheusRule.notReadyFor|15 minutes|metrics.prometheusRule.notReadyFor",
      "metrics.prometheusRule.runbookBaseUrl|wiki/runbooks|metrics.prometheusRule.runbookBaseUrl",
      "metrics.grafanaDashboard.enabled|yes|metrics.grafanaDashboard.enabled",
      "instances[0].name|Prod_1|instances.0.name",
      "instances[0].spec.networkPolicy.profile|paranoid|instances.0.spec.networkPolicy.profile",
      "instances[0].spec.deletionPolicy|Keep|instances.0.spec.deletionPolicy",
      "instances[0].adminSecret.email|admin@example.com|instances.0.adminSecret",
  })
  void wrongValueIsRejectedNamingTheKey(String key, String value, String reported) {
    Map<String, Object> sets = new java.util.LinkedHashMap<>();
    if (key.startsWith("instances[0]")) {
      sets.put("instances[0].name", "prod");
      sets.put("instances[0].spec.environment", "prod");
    }
    sets.put(key, value);

    assertThatThrownBy(() -> RenderedChart.render(List.of(), sets))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(reported);
  }

  @Test
  void adminSecretIsWrittenOnlyWhenTheUserSuppliesIt() {
    Map<String, Object> instance = Map.of("instances[0].name", "dev", "instances[0].spec.environment", "dev");
    assertThat(RenderedChart.render(List.of(), instance).all(Secret.class)).isEmpty();

    Map<String, Object> withSecret = new java.util.LinkedHashMap<>(instance);
    withSecret.put("instances[0].adminSecret.email", "admin@dev.local");
    withSecret.put("instances[0].adminSecret.password", "a-long-enough-password");
    Secret secret = RenderedChart.render(List.of(), withSecret).single(Secret.class);

    assertThat(secret.getMetadata().getName()).isEqualTo("openluffy-dev-admin");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
    assertThat(secret.getStringData()).containsOnly(
        Map.entry("email", "admin@dev.local"), Map.entry("password", "a-long-enough-password"));
  }

  @Test
  void serviceMonitorNeedsTheMetricsService() {
    assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of(
        "metrics.serviceMonitor.enabled", true, "metrics.service.enabled", false)))
        .hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
  }
}
