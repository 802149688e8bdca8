package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** helm/values/*.yaml: the guide's `helm install ... -f helm/values/<env>.yaml` installs the operator and that instance. */
class ValuesFilesTest {

  @ParameterizedTest
  @EnumSource(Environment.class)
  void valuesFileInstallsTheGuidesInstanceWithoutShippingASecret(Environment env) {
    RenderedChart chart = RenderedChart.render(env.valuesFile);
    JsonNode instance = instance(chart);

    assertThat(instance.path("metadata").path("name").asText()).isEqualTo(env.instance);
    assertThat(instance.path("spec").path("environment").asText()).isEqualTo(env.instance);
    assertThat(instance.path("spec").path("host").asText()).isEqualTo(env.host);
    assertThat(instance.path("spec").path("namespace").asText()).isEqualTo("openluffy-" + env.instance);
    JsonNode adminSecretRef = instance.path("spec").path("bootstrap").path("adminSecretRef");
    assertThat(adminSecretRef.path("name").asText()).isEqualTo("openluffy-" + env.instance + "-admin");
    assertThat(adminSecretRef.path("namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
    assertThat(chart.all(Secret.class)).as("no values file carries a password").isEmpty();
    assertThat(chart.single(Deployment.class).getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
  }

  @Test
  void productionIsStricterThanDevAndPreprod() {
    RenderedChart production = RenderedChart.render(Environment.PROD.valuesFile);
    JsonNode prod = instance(production).path("spec");

    assertThat(production.single(Deployment.class).getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(prod.path("networkPolicy").path("profile").asText()).isEqualTo("strict");
    assertThat(prod.path("deletionPolicy").asText()).isEqualTo("Retain");
    assertThat(prod.path("backup").path("enabled").asBoolean()).isTrue();
    assertThat(prod.path("apiServer").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    for (Environment lower : new Environment[] {Environment.DEV, Environment.PREPROD}) {
      JsonNode spec = instance(RenderedChart.render(lower.valuesFile)).path("spec");
      assertThat(spec.path("networkPolicy").path("profile").asText()).as(lower.instance).isNotEqualTo("strict");
      assertThat(spec.path("backup").path("retention").asInt(0))
          .as(lower.instance).isLessThan(prod.path("backup").path("retention").asInt());
      assertThat(spec.path("apiServer").path("replicas").asInt())
          .as(lower.instance).isLessThan(prod.path("apiServer").path("replicas").asInt());
    }
  }

  static JsonNode instance(RenderedChart chart) {
    return chart.documents().stream()
        .filter(doc -> doc.path("kind").asText().equals("OpenLuffyInstance"))
        .reduce((a, b) -> {
          throw new AssertionError("more than one OpenLuffyInstance rendered");
        })
        .orElseThrow(() -> new AssertionError("no OpenLuffyInstance rendered"));
  }
}
