package io.openluffy.operator.sandbox;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.LocalApiServers;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a user would follow with {@code kubectl get oli -w} and {@code kubectl get all -n ...}: each instance's
 * objects, phase, conditions and endpoint, printed when they change; then the local URL of each API server.
 */
final class SandboxReport {

  private final KubernetesClient client;
  private final LocalApiServers apiServers;
  private final PrintStream out;
  private final Map<String, String> printed = new HashMap<>();
  private final Set<String> ready = new LinkedHashSet<>();

  SandboxReport(KubernetesClient client, LocalApiServers apiServers, PrintStream out) {
    this.client = client;
    this.apiServers = apiServers;
    this.out = out;
  }

  /** Polls once a second until interrupted (Ctrl-C). */
  void follow(List<String> names) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      for (String name : names) {
        Optional.ofNullable(client.resources(OpenLuffyInstance.class).withName(name).get()).ifPresent(this::show);
      }
      if (ready.size() == names.size() && printed.put("walkthrough", "") == null) {
        walkthrough(names);
      }
      Thread.sleep(1000);
    }
  }

  private void show(OpenLuffyInstance instance) {
    String name = instance.getMetadata().getName();
    printIfChanged(name + "/objects", "[" + name + "] objects in " + instance.targetNamespace() + ": "
        + objects(instance.targetNamespace()));
    printIfChanged(name + "/status", status(instance));
    if (instance.getStatus() != null && instance.getStatus().isTrue(ConditionType.READY) && ready.add(name)) {
      out.println("[" + name + "] READY. Its API server: " + apiServers.url(name) + "   (in a cluster: "
          + instance.getStatus().getEndpoint() + ")");
    }
  }

  private void printIfChanged(String key, String text) {
    if (!text.equals(printed.put(key, text))) {
      out.println(text);
    }
  }

  private String objects(String namespace) {
    Stream<? extends HasMetadata> all = Stream.of(
        client.secrets().inNamespace(namespace).list().getItems().stream(),
        client.services().inNamespace(namespace).list().getItems().stream(),
        client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream(),
        client.apps().statefulSets().inNamespace(namespace).list().getItems().stream(),
        client.apps().deployments().inNamespace(namespace).list().getItems().stream(),
        client.batch().v1().cronjobs().inNamespace(namespace).list().getItems().stream(),
        client.network().v1().ingresses().inNamespace(namespace).list().getItems().stream(),
        client.network().v1().networkPolicies().inNamespace(namespace).list().getItems().stream())
        .flatMap(s -> s);
    String listed = all.map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.joining(", "));
    return listed.isEmpty() ? "(none yet)" : listed;
  }

  private static String status(OpenLuffyInstance instance) {
    String name = instance.getMetadata().getName();
    var status = instance.getStatus();
    if (status == null) {
      return "[" + name + "] no status yet";
    }
    StringBuilder text = new StringBuilder("[" + name + "] phase " + status.getPhase() + ", endpoint "
        + status.getEndpoint() + ", admin " + (status.getAdmin() == null ? "-" : status.getAdmin().getEmail()));
    for (Condition c : status.getConditions()) {
      text.append("\n    ").append(c.getType()).append('=').append(c.getStatus()).append(' ').append(c.getReason())
          .append(": ").append(c.getMessage());
    }
    return text.toString();
  }

  private void walkthrough(List<String> names) {
    out.println();
    out.println("All instances are Ready. Their API servers stay up until Ctrl-C:");
    for (String name : names) {
      out.println("  " + name + ": " + apiServers.url(name) + "   first admin from examples/" + name + ".yaml");
    }
    String dev = apiServers.url("dev").toString();
    String preprod = apiServers.url("preprod").toString();
    out.println();
    out.println("Try the deployment guide against them, e.g. (password: the one in examples/dev.yaml):");
    out.println("  curl -s -X POST " + dev + "/v1/auth/login -H 'Content-Type: application/json' \\");
    out.println("    -d '{\"email\":\"admin@dev.local\",\"password\":\"<password from examples/dev.yaml>\"}'");
    out.println("  curl -s -X POST " + preprod + "/v1/auth/login -H 'Content-Type: application/json' \\");
    out.println("    -d '{\"email\":\"admin@dev.local\",\"password\":\"<same>\"}'   # 401: instances share no users");
    out.println();
    out.println("Press Ctrl-C to stop.");
  }
}
