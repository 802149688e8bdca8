package io.openluffy.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD users install (crds/) must be exactly what the crd package generates. */
class CrdFileInSyncTest {

  static final String FILE = "openluffyinstances.openluffy.io-v1.yml";
  static final String REFRESH = "mvn -B -ntp -pl operator -am process-classes && cp operator/target/classes/META-INF/fabric8/"
      + FILE + " crds/" + FILE;

  @Test
  void committedCrdEqualsGeneratedCrd() throws IOException {
    // surefire runs in the module directory
    Path generated = Path.of("target/classes/META-INF/fabric8", FILE);
    Path committed = Path.of("..", "crds", FILE);
    assertThat(generated).as("generated CRD (crd-generator-maven-plugin, process-classes)").exists();
    assertThat(committed).as("committed CRD; create it with: " + REFRESH).exists();
    assertThat(Files.readString(committed))
        .as("crds/" + FILE + " differs from the CRD generated from the crd package; refresh it from the repository"
            + " root with: " + REFRESH)
        .isEqualTo(Files.readString(generated));
  }
}
