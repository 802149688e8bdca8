package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every OpenLuffyInstance we ship or render is accepted by the CRD the operator generates. */
class InstanceSchemaTest {

  private static final CrdSchema SCHEMA = CrdSchema.of(RepoPaths.CRD, "v1alpha1");

  @Test
  void chartInstallsTheSameCrdsAsTheOperatorGenerates() throws Exception {
    try (Stream<Path> crds = Files.list(RepoPaths.CRD.getParent())) {
      List<Path> files = crds.sorted().toList();
      assertThat(files).contains(RepoPaths.CRD, RepoPaths.BACKUP_CRD, RepoPaths.CRD.resolveSibling("openluffyrestores.openluffy.io-v1.yml"));
      for (Path crd : files) {
        assertThat(Files.readString(RepoPaths.CHART_CRDS.resolve(crd.getFileName())))
            .as(RepoPaths.ROOT.relativize(RepoPaths.CHART_CRDS.resolve(crd.getFileName())).toString())
            .isEqualTo(Files.readString(crd));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void instanceRenderedFromTheValuesFileIsValid(Environment env) {
    JsonNode instance = ValuesFilesTest.instance(RenderedChart.render(env.valuesFile));

    assertThat(SCHEMA.errors(instance)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void exampleInstanceIsValid(Environment env) {
    JsonNode instance = Manifests.documents(env.example).stream()
        .filter(doc -> doc.path("kind").asText().equals("OpenLuffyInstance")).findFirst().orElseThrow();

    assertThat(SCHEMA.errors(instance)).isEmpty();
  }

  @Test
  void backupExampleIsValidAndNamesAnExampleInstanceInItsNamespace() {
    JsonNode backup = Manifests.documents(RepoPaths.EXAMPLES.resolve("backup-now.yaml")).get(0);
    JsonNode prod = Manifests.documents(Environment.PROD.example).get(1);

    assertThat(CrdSchema.of(RepoPaths.BACKUP_CRD, "v1alpha1").errors(backup)).isEmpty();
    assertThat(backup.path("spec").path("instance").asText()).isEqualTo(prod.path("metadata").path("name").asText());
    assertThat(backup.path("metadata").path("namespace").asText())
        .isEqualTo(prod.path("spec").path("namespace").asText("openluffy-" + prod.path("metadata").path("name").asText()));
  }

  @Test
  void schemaRefusesWrongTypesEnumsAndUnknownFields() {
    JsonNode wrong = Manifests.documents("""
        apiVersion: openluffy.io/v1alpha1
        kind: OpenLuffyInstance
        metadata: {name: broken}
        spec:
          environment: prod
          deletionPolicy: Keep
          apiServer: {replicas: two}
          replicas: 3
        """).get(0);

    assertThat(SCHEMA.errors(wrong)).containsExactly(
        "$.spec.apiServer.replicas: string found, integer expected",
        "$.spec.deletionPolicy: does not have a value in the enumeration [\"Delete\", \"Retain\"]",
        "$.spec: property 'replicas' is not defined in the schema and the schema does not allow additional properties");
  }
}
