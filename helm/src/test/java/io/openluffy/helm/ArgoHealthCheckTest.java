package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.openluffy.helm.ArgoHealthCheck.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgoHealthCheckTest {

  private final ArgoHealthCheck check = ArgoHealthCheck.shipped();

  @Test
  void newInstanceWithoutStatusIsProgressing() {
    Health health = check.assess(instance(1, """
        {}"""));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("operator");
  }

  @Test
  void readyInstanceOfTheCurrentGenerationIsHealthy() {
    Health health = check.assess(instance(3, """
        {"observedGeneration": 3, "phase": "Ready", "conditions": [
          {"type": "DatabaseReady", "status": "True", "reason": "StatefulSetReady"},
          {"type": "Ready", "status": "True", "reason": "AllComponentsReady",
           "message": "API server, database and backups are ready"}]}"""));

    assertThat(health).isEqualTo(new Health("Healthy", "API server, database and backups are ready"));
  }

  @Test
  void readyStatusOfAnOlderGenerationIsProgressing() {
    // The user just changed the spec: the Ready=True below describes the previous spec.
    Health health = check.assess(instance(4, """
        {"observedGeneration": 3, "phase": "Ready", "conditions": [
          {"type": "Ready", "status": "True", "reason": "AllComponentsReady", "message": "ready"}]}"""));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("generation 4");
  }

  @Test
  void statusWithoutObservedGenerationIsProgressing() {
    Health health = check.assess(instance(1, """
        {"phase": "Ready", "conditions": [{"type": "Ready", "status": "True", "reason": "AllComponentsReady"}]}"""));

    assertThat(health.status()).isEqualTo("Progressing");
  }

  @Test
  void failureOfAnOlderGenerationIsProgressingBecauseTheNewSpecMayFixIt() {
    Health health = check.assess(instance(2, """
        {"observedGeneration": 1, "phase": "Failed", "conditions": [
          {"type": "Ready", "status": "False", "reason": "InvalidSpec", "message": "spec.backup.schedule: bad cron"}]}"""));

    assertThat(health.status()).isEqualTo("Progressing");
  }

  @Test
  void provisioningIsProgressingWithTheReadyConditionsMessage() {
    Health health = check.assess(instance(1, """
        {"observedGeneration": 1, "phase": "Provisioning", "conditions": [
          {"type": "DatabaseReady", "status": "False", "reason": "StatefulSetNotReady", "message": "0/1 ready"},
          {"type": "Ready", "status": "False", "reason": "Provisioning",
           "message": "Waiting for PostgreSQL: 0/1 replicas ready"}]}"""));

    assertThat(health).isEqualTo(new Health("Progressing", "Waiting for PostgreSQL: 0/1 replicas ready"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AdminSecretNotFound", "ApiServerUnreachable"})
  void waitsThatResolveByThemselvesAreProgressing(String reason) {
    Health health = check.assess(instance(1, """
        {"observedGeneration": 1, "phase": "Bootstrapping", "conditions": [
          {"type": "AdminBootstrapped", "status": "False", "reason": "%s", "message": "waiting"},
          {"type": "Ready", "status": "False", "reason": "%s", "message": "Waiting for the first admin"}]}"""
        .formatted(reason, reason)));

    assertThat(health).isEqualTo(new Health("Progressing", "Waiting for the first admin"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"InvalidSpec", "NamespaceConflict", "AdminRejected", "AdminSecretInvalid",
      "AdminSecretNotAllowed", "RetainedDataFound"})
  void failuresOnlyAPersonCanFixAreDegradedWithTheConditionsMessage(String reason) {
    Health health = check.assess(instance(2, """
        {"observedGeneration": 2, "phase": "Bootstrapping", "conditions": [
          {"type": "AdminBootstrapped", "status": "False", "reason": "%s",
           "message": "the thing to change"},
          {"type": "Ready", "status": "False", "reason": "NotReady", "message": "not ready"}]}"""
        .formatted(reason)));

    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).isEqualTo("AdminBootstrapped (" + reason + "): the thing to change");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Failed", "Degraded"})
  void failedOrDegradedPhaseIsDegraded(String phase) {
    Health health = check.assess(instance(5, """
        {"observedGeneration": 5, "phase": "%s", "conditions": [
          {"type": "Ready", "status": "False", "reason": "ApiServerNotReady",
           "message": "API server: 0/2 replicas available"}]}""".formatted(phase)));

    assertThat(health).isEqualTo(new Health("Degraded", "API server: 0/2 replicas available"));
  }

  private static JsonNode instance(long generation, String statusJson) {
    String json = """
        {"apiVersion": "openluffy.io/v1alpha1", "kind": "OpenLuffyInstance",
         "metadata": {"name": "prod", "generation": %d},
         "spec": {"environment": "prod"}%s}"""
        .formatted(generation, statusJson.strip().equals("{}") ? "" : ", \"status\": " + statusJson);
    return Manifests.documents(json).get(0);
  }
}
