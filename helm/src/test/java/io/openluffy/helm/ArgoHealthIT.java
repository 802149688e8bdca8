package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped Argo CD health Lua, evaluated against the instance exactly as the real API server returns it, at each
 * phase the operator drives it through on the real control plane (kwok runs the pods; cordoning the node keeps them
 * from running).
 */
@ExtendWith(ControlPlaneExtension.class)
class ArgoHealthIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ArgoHealthCheck lua = ArgoHealthCheck.shipped();

  @Test
  void healthFollowsThePhases(ControlPlane plane) throws Exception {
    KubernetesClient admin = plane.admin();
    try (var chart = ChartOperator.install(plane)) {
      chart.start(OpenLuffyOperator.inClusterApiServers(), new SimpleMeterRegistry());

      cordon(admin, true);
      admin.resource(MockCluster.instance("argo", spec -> { })).create();
      assertHealth(admin, "argo", Phase.Provisioning, "Progressing");

      cordon(admin, false);
      Instances.awaitReady(admin, "argo");
      assertHealth(admin, "argo", Phase.Ready, "Healthy");

      cordon(admin, true);
      var instance = Instances.get(admin, "argo");
      admin.pods().inNamespace(instance.targetNamespace())
          .withName(PostgresStatefulSetDependent.name(instance) + "-0").withGracePeriod(0).delete();
      assertHealth(admin, "argo", Phase.Degraded, "Degraded");
      cordon(admin, false);
      Instances.awaitReady(admin, "argo");

      admin.resources(OpenLuffyInstance.class).withName("argo").edit(i -> {
        i.getSpec().setApiServer(new ApiServerSpec());
        i.getSpec().getApiServer().setResources(new ResourceRequirementsBuilder()
            .addToRequests("memory", new Quantity("2Gi")).addToLimits("memory", new Quantity("1Gi")).build());
        return i;
      });
      assertHealth(admin, "argo", Phase.Failed, "Degraded");

      admin.resource(MockCluster.instance("argo-admin",
          spec -> spec.setBootstrap(MockCluster.adminSecret(ChartOperator.NAMESPACE, "argo-admin-not-yet-there"))))
          .create();
      assertHealth(admin, "argo-admin", Phase.Bootstrapping, "Progressing");

      admin.resources(OpenLuffyInstance.class).withName("argo").delete();
      admin.resources(OpenLuffyInstance.class).withName("argo-admin").delete();
      await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, "argo") == null
          && Instances.get(admin, "argo-admin") == null);
    } finally {
      cordon(admin, false);
    }
  }

  private void assertHealth(KubernetesClient admin, String name, Phase phase, String health) {
    await(name + " phase " + phase).atMost(Instances.PATIENCE).until(() -> {
      var instance = Instances.get(admin, name);
      return instance.getStatus() != null && instance.getStatus().getPhase() == phase
          && instance.getStatus().getObservedGeneration() == instance.getMetadata().getGeneration().longValue();
    });
    JsonNode served = JSON.valueToTree(admin.genericKubernetesResources(
        OpenLuffyInstance.GROUP + "/" + OpenLuffyInstance.VERSION, "OpenLuffyInstance").withName(name).get());
    assertThat(lua.assess(served).status()).as(name + " at phase " + phase + ": " + served.path("status"))
        .isEqualTo(health);
  }

  private static void cordon(KubernetesClient admin, boolean unschedulable) {
    admin.nodes().withName(ControlPlane.NODE).edit(node -> {
      node.getSpec().setUnschedulable(unschedulable);
      return node;
    });
  }
}
