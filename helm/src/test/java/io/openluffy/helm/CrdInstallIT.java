package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.cluster.ControlPlane;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code crds.install} on a real API server: Helm installs a crds/ directory only for enabled subcharts. Runs on a
 * control plane of its own, since the shared one already has the CRD from the first chart install.
 */
class CrdInstallIT {

  private static final String CRD = "openluffyinstances.openluffy.io";

  @Test
  void theCrdIsInstalledByDefaultAndLeftAloneWithCrdsInstallFalse() throws Exception {
    Path dir = Path.of("target", "control-plane-crds", Long.toString(ProcessHandle.current().pid())).toAbsolutePath();
    try (ControlPlane plane = ControlPlane.start(dir)) {
      KubernetesClient admin = plane.admin();

      install(plane, "gitops", "crds.install", "false").call();
      assertThat(crdInstalled(admin)).as("crds.install=false: another tool owns the CRD").isFalse();
      assertThat(admin.apps().deployments().inNamespace("gitops").withName("gitops-openluffy-operator").get())
          .as("the operator is installed all the same").isNotNull();
      assertThatThrownBy(() -> install(plane, "gitops-prod", "crds.install", "false")
          .set("instances[0].name", "prod").set("instances[0].spec.environment", "prod").call())
          .as("instances without the CRD: Helm refuses before applying anything")
          .hasMessageContaining("OpenLuffyInstance");
      assertThat(admin.apps().deployments().inNamespace("gitops-prod").list().getItems()).isEmpty();

      install(plane, "openluffy", "operator.replicas", "1").call();
      assertThat(crdInstalled(admin)).as("the default installs the CRD").isTrue();
    }
  }

  private static boolean crdInstalled(KubernetesClient admin) {
    return admin.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
  }

  private static InstallCommand install(ControlPlane plane, String release, String key, String value) {
    return new Helm(RepoPaths.CHART).install().withName(release).withNamespace(release).createNamespace()
        .withKubeConfig(plane.kubeconfig()).set(key, value);
  }
}
