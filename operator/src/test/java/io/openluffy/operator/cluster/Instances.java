package io.openluffy.operator.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.time.Duration;

/** Reading and awaiting instances on the real control plane. */
public final class Instances {

  /** Upper bound for the cluster and the operator to converge; a shared build machine, never a timing check. */
  public static final Duration PATIENCE = Duration.ofMinutes(4);

  private Instances() {
  }

  public static OpenLuffyInstance get(KubernetesClient client, String name) {
    return client.resources(OpenLuffyInstance.class).withName(name).get();
  }

  public static OpenLuffyInstance awaitCondition(KubernetesClient client, String name, String type, String status) {
    return await(name + " " + type + "=" + status).atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
        .until(() -> get(client, name), i -> i != null && i.getStatus() != null
            && i.getStatus().condition(type).map(c -> status.equals(c.getStatus())).orElse(false));
  }

  public static OpenLuffyInstance awaitReady(KubernetesClient client, String name) {
    return awaitCondition(client, name, "Ready", "True");
  }
}
