package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import org.junit.jupiter.api.Test;

/** NOTES.txt, printed by helm install: the next steps, and never a password. */
class NotesTest {

  @Test
  void notesShowHowToCreateTheAdminSecretOfEachDeclaredInstance() {
    String notes = notes(new Helm(RepoPaths.CHART).install().withValuesFile(Environment.PROD.valuesFile));

    assertThat(notes)
        .contains("kubectl -n openluffy create secret generic openluffy-prod-admin")
        .contains("kubectl get openluffyinstances -w")
        .contains("kubectl describe openluffyinstance prod")
        .contains("2 operator replicas run with leader election");
  }

  @Test
  void notesNeverPrintAPasswordGivenInValues() {
    String notes = notes(new Helm(RepoPaths.CHART).install().withValuesFile(Environment.DEV.valuesFile)
        .set("instances[0].adminSecret.email", "admin@dev.local")
        .set("instances[0].adminSecret.password", "never-printed-password"));

    assertThat(notes)
        .contains("dev: Secret openluffy/openluffy-dev-admin was written by this chart")
        .doesNotContain("never-printed-password")
        .doesNotContain("create secret generic openluffy-dev-admin");
  }

  @Test
  void notesWithoutInstancesPointAtTheExamples() {
    String notes = notes(new Helm(RepoPaths.CHART).install());

    assertThat(notes).contains("examples/prod.yaml").contains("kubectl get openluffyinstances -w")
        .doesNotContain("leader election");
  }

  private static String notes(InstallCommand install) {
    return install.withName(RenderedChart.RELEASE).withNamespace(RenderedChart.NAMESPACE)
        .dryRun().clientOnly().call().getOutput();
  }
}
