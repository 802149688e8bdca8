package io.openluffy.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRD users install (crds/) must be exactly what the crd package generates. */
class CrdFileInSyncTest {

  static final String FILE = "openluffyinstances.openluffy.io-v1.yml";
  static final String BACKUPS = "openluffybackups.openluffy.io-v1.yml";
  static final String RESTORES = "openluffyrestores.openluffy.io-v1.yml";
  static final String REFRESH = CrdFinisher.REFRESH;
  // surefire runs in the module directory
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", FILE);

  @ParameterizedTest
  @ValueSource(strings = {FILE, BACKUPS, RESTORES})
  void committedCrdEqualsGeneratedCrd(String file) throws IOException {
    Path generated = Path.of("target/classes/META-INF/fabric8", file);
    Path committed = Path.of("..", "crds", file);
    assertThat(generated).as("generated CRD (crd-generator-maven-plugin + CrdFinisher)").exists();
    assertThat(committed).as("committed CRD; create it with: " + REFRESH).exists();
    assertThat(Files.readString(committed))
        .as("crds/" + file + " differs from the CRD generated from the crd package; refresh it from the repository"
            + " root with: " + REFRESH)
        .isEqualTo(Files.readString(generated));
  }

  @Test
  void kubectlGetOlbShowsInstancePhaseDumpBytesAgeInThisOrder() throws IOException {
    var crd = new KubernetesSerialization().unmarshal(
        Files.readString(Path.of("target/classes/META-INF/fabric8", BACKUPS)), CustomResourceDefinition.class);
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("olb");
    assertThat(crd.getSpec().getVersions()).singleElement()
        .extracting(v -> v.getAdditionalPrinterColumns())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(CustomResourceColumnDefinition.class))
        .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(tuple("INSTANCE", ".spec.instance"), tuple("PHASE", ".status.phase"),
            tuple("DUMP", ".status.dump"), tuple("BYTES", ".status.sizeBytes"),
            tuple("AGE", ".metadata.creationTimestamp"));
  }

  @Test
  void kubectlGetShowsEnvPhaseEndpointAdminAgeInThisOrder() throws IOException {
    var crd = new KubernetesSerialization().unmarshal(Files.readString(GENERATED), CustomResourceDefinition.class);
    assertThat(crd.getSpec().getVersions()).singleElement()
        .extracting(v -> v.getAdditionalPrinterColumns())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(CustomResourceColumnDefinition.class))
        .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
            CustomResourceColumnDefinition::getType, CustomResourceColumnDefinition::getPriority)
        .containsExactly(
            tuple("ENV", ".spec.environment", "string", 0),
            tuple("PHASE", ".status.phase", "string", 0),
            tuple("ENDPOINT", ".status.endpoint", "string", 0),
            tuple("ADMIN", ".status.admin.email", "string", 0),
            tuple("AGE", ".metadata.creationTimestamp", "date", 0));
  }

  /** Deleting the CRD deletes every instance: neither helm uninstall nor an Argo CD prune may do it. */
  @Test
  void theCrdIsKeptByHelmAndArgoCd() throws IOException {
    var crd = new KubernetesSerialization().unmarshal(Files.readString(GENERATED), CustomResourceDefinition.class);
    assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep")
        .containsEntry("argocd.argoproj.io/sync-options", "Delete=false");
  }
}
