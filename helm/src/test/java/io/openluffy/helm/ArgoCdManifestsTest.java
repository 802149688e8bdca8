package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgoCdManifestsTest {

  private static final Path ARGOCD = RepoPaths.EXAMPLES.resolve("argocd");

  @Test
  void argocdConfigMapSnippetCarriesTheTestedLuaVerbatim() {
    JsonNode configMap = Manifests.documents(ARGOCD.resolve("argocd-cm-health.yaml")).get(0);

    assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    assertThat(configMap.path("data").path("resource.customizations.health.openluffy.io_OpenLuffyInstance").asText())
        .isEqualTo(Manifests.read(ArgoHealthCheck.SCRIPT));
  }

  @Test
  void applicationInstallsTheChartOfThisRepository() {
    JsonNode app = Manifests.documents(ARGOCD.resolve("application.yaml")).get(0);
    JsonNode source = app.path("spec").path("source");

    assertThat(app.path("kind").asText()).isEqualTo("Application");
    assertThat(RepoPaths.ROOT.resolve(source.path("path").asText()).resolve("Chart.yaml")).exists();
    assertThat(source.path("helm").path("releaseName").asText()).isEqualTo(RenderedChart.RELEASE);
    assertThat(app.path("spec").path("destination").path("namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
  }

  @Test
  void applicationSetGeneratesOneApplicationPerExampleEnvironment() {
    JsonNode appSet = Manifests.documents(ARGOCD.resolve("applicationset.yaml")).get(0);
    JsonNode source = appSet.path("spec").path("template").path("spec").path("source");
    Path directory = RepoPaths.ROOT.resolve(source.path("path").asText());

    List<String> environments = new ArrayList<>();
    for (JsonNode element : appSet.path("spec").path("generators").get(0).path("list").path("elements")) {
      String env = element.path("env").asText();
      environments.add(env);
      Path file = directory.resolve(source.path("directory").path("include").asText().replace("{{ .env }}", env));
      assertThat(file).as("file synced for %s", env).exists();
      JsonNode instance = Manifests.documents(file).stream()
          .filter(doc -> doc.path("kind").asText().equals("OpenLuffyInstance")).findFirst().orElseThrow();
      assertThat(instance.path("spec").path("environment").asText()).isEqualTo(env);
    }
    assertThat(environments).containsExactly("dev", "preprod", "prod");
  }

  @Test
  void everyArgoCdFileIsListed() throws Exception {
    try (var files = Files.list(ARGOCD)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("application.yaml", "applicationset.yaml", "argocd-cm-health.yaml",
              "openluffyinstance-health.lua");
    }
  }
}
