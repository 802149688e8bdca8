package io.openluffy.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The field reference users read (operator/docs/crd-reference.md) is the one rendered from the CRDs they install. */
class CrdReferenceInSyncTest {

  // surefire runs in the module directory; CrdFinisher writes it at process-test-classes
  private static final Path GENERATED = Path.of("target", CrdReference.FILE);
  private static final Path COMMITTED = Path.of("docs", CrdReference.FILE);

  @Test
  void committedReferenceEqualsTheOneRenderedFromTheCrds() throws IOException {
    assertThat(GENERATED).as("reference rendered by CrdFinisher").exists();
    assertThat(COMMITTED).as("committed reference; create it with: " + CrdFinisher.REFRESH).exists();
    assertThat(Files.readString(COMMITTED))
        .as("operator/docs/" + CrdReference.FILE + " differs from the reference rendered from the CRDs; refresh it"
            + " from the repository root with: " + CrdFinisher.REFRESH)
        .isEqualTo(Files.readString(GENERATED));
  }

  /** What a user looks a field up for: its type, default, validation, description and the rule that guards it. */
  @Test
  void aFieldShowsItsTypeDefaultPatternDescriptionAndItsCelRule() throws IOException {
    String reference = Files.readString(GENERATED);
    assertThat(reference)
        .contains("| `spec.backup.storage` | string | `20Gi` | pattern `^(([0-9]+(\\.[0-9]*)?)\\|")
        .contains("Size of the backup volume, a Kubernetes quantity such as 20Gi.")
        .contains("| `spec.backup.storage` | `!isQuantity(self) \\|\\| !isQuantity(oldSelf) \\|\\|"
            + " quantity(self).compareTo(quantity(oldSelf)) >= 0` | spec.backup.storage cannot shrink")
        .contains("| `spec.apiServer.replicas` | integer | `1` | minimum 1; maximum 10 |")
        .contains("| `spec.deletionPolicy` | string | `Retain` | one of `Delete`, `Retain` |")
        .contains("| `spec.bootstrap.adminSecretRef.name` **required** | string |")
        .contains("| `spec.dump` **required** | string |  | pattern `^(latest\\|openluffy-[A-Za-z0-9.-]+\\.dump)$` |");
  }
}
