package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** examples/<env>.yaml: what a user applies with kubectl, one instance and its admin Secret each. */
class ExamplesTest {

  @ParameterizedTest
  @EnumSource(Environment.class)
  void exampleHoldsTheInstanceAndItsPlaceholderAdminSecret(Environment env) {
    List<JsonNode> documents = Manifests.documents(env.example);
    List<HasMetadata> objects = Manifests.typed(documents);

    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Secret", "OpenLuffyInstance");
    Secret secret = (Secret) objects.get(0);
    JsonNode ref = documents.get(1).path("spec").path("bootstrap").path("adminSecretRef");
    assertThat(secret.getMetadata().getName()).isEqualTo(ref.path("name").asText());
    assertThat(secret.getMetadata().getNamespace()).isEqualTo(ref.path("namespace").asText());
    assertThat(secret.getStringData()).containsKeys("email", "password")
        .allSatisfy((key, value) -> assertThat(key).isIn("email", "password", "first_name", "last_name"));
    assertThat(secret.getStringData().get("password")).startsWith("CHANGE-ME");
    assertThat(Manifests.read(env.example)).contains("# CHANGE-ME");
    assertThat(UnknownFields.in(secret)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void exampleDeclaresTheSameInstanceAsTheHelmValuesFile(Environment env) {
    JsonNode example = Manifests.documents(env.example).get(1);
    JsonNode rendered = ValuesFilesTest.instance(RenderedChart.render(env.valuesFile));

    assertThat(example.path("metadata").path("name").asText()).isEqualTo(env.instance);
    assertThat(example.path("spec")).isEqualTo(rendered.path("spec"));
  }
}
