package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.config.OperatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator process, started as the image starts it ({@link Main}), with an identity that may do nothing. */
@ExtendWith(ControlPlaneExtension.class)
class StartupFailureIT {

  @Test
  void aFailedStartExitsNonZeroSayingWhy(ControlPlane plane) throws Exception {
    var admin = plane.admin();
    admin.serviceAccounts().inNamespace("default")
        .resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata().build())
        .serverSideApply();
    String token = admin.serviceAccounts().inNamespace("default").withName("nobody")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    Path kubeconfig = plane.kubeconfigWithToken("nobody", token);

    var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName())).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put(OperatorConfig.HTTP_PORT, "0");
    builder.environment().put(OperatorConfig.NAMESPACE, "default");
    Process operator = builder.start();
    try {
      String output = new String(operator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(operator.waitFor(3, TimeUnit.MINUTES)).as("the process ends").isTrue();
      assertThat(operator.exitValue()).as(output).isNotZero();
      assertThat(output).contains("could not start").contains("forbidden").doesNotContain(token);
    } finally {
      operator.destroyForcibly();
    }
  }
}
