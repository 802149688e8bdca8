package io.openluffy.operator.sandbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.LocalApiServers;
import io.openluffy.operator.testing.MockCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * A local sandbox, no Kubernetes needed: the fabric8 mock API server (in memory), the real operator, and one real
 * API server per instance on its own embedded PostgreSQL, standing in for the instance's pods. Applies
 * {@code examples/{dev,preprod,prod}.yaml}, plays kubelet, prints each instance's objects, conditions and endpoint
 * as they converge, then keeps the API servers up, on the local URLs it prints, until Ctrl-C.
 *
 * <p>Run from the repository root: {@code mvn -B -q -Psandbox -pl operator -am process-test-classes}.
 * Arguments (set by that execution): the examples directory and a scratch directory for the databases, wiped at
 * start. A sandbox only: on a real cluster, install the operator with the Helm chart.
 */
public final class LocalSandbox {

  static final List<String> EXAMPLES = List.of("dev", "preprod", "prod");
  /** dev on 18080, preprod on 18081, prod on 18082; overridable with -Dopenluffy.sandbox.port=<first port>. */
  static final int FIRST_PORT = Integer.getInteger("openluffy.sandbox.port", 18080);

  private final Path examples;
  private final LocalApiServers apiServers;
  private final MockCluster cluster;
  private final SandboxReport report;
  private final ExecutorService kubelet = Executors.newSingleThreadExecutor(r -> new Thread(r, "kubelet"));

  private LocalSandbox(Path examples, Path data) {
    this.examples = examples;
    this.apiServers = new LocalApiServers(data);
    this.cluster = MockCluster.start(apiServers);
    this.report = new SandboxReport(cluster.client(), apiServers, System.out);
  }

  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples").toAbsolutePath().normalize();
    Path data = Path.of(args.length > 1 ? args[1] : "operator/target/sandbox").toAbsolutePath().normalize();
    quietLibraries();
    wipe(data);
    System.out.println("OpenLuffy local sandbox: mock Kubernetes API, the operator, one API server per instance.");
    System.out.println("Not a cluster: on a real cluster install the operator with the Helm chart (helm/openluffy).");
    var sandbox = new LocalSandbox(examples, data);
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    sandbox.run();
  }

  private void run() throws InterruptedException {
    System.out.println("Mock Kubernetes API: " + cluster.client().getConfiguration().getMasterUrl()
        + "  (try: curl -s " + cluster.client().getConfiguration().getMasterUrl()
        + "apis/openluffy.io/v1alpha1/openluffyinstances)");
    for (int i = 0; i < EXAMPLES.size(); i++) {
      String name = EXAMPLES.get(i);
      apply(examples.resolve(name + ".yaml"));
      int port = FIRST_PORT + i;
      kubelet.submit(() -> playKubelet(name, port));
    }
    report.follow(EXAMPLES);
  }

  /** What kubectl apply -f would create; the mock server does not fold stringData into data, so this does. */
  private void apply(Path file) {
    System.out.println("kubectl apply -f " + examples.getParent().relativize(file));
    KubernetesClient client = cluster.client();
    try (InputStream in = Files.newInputStream(file)) {
      for (HasMetadata item : client.load(in).items()) {
        if (item instanceof Secret secret) {
          foldStringData(secret);
        }
        client.resource(item).create();
        System.out.println("  created " + item.getKind() + " " + qualifiedName(item));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Plays kubelet for one instance: PostgreSQL becomes ready, then the API pod starts (a real API server). */
  private void playKubelet(String name, int port) {
    try {
      OpenLuffyInstance instance = cluster.get(name);
      cluster.markDatabaseReady(instance);
      apiServers.start(name, port);
      cluster.markApiServerAvailable(instance);
    } catch (RuntimeException e) {
      System.out.println("kubelet: could not start the API server of " + name + ": " + e.getMessage());
    }
  }

  private void close() {
    System.out.println("Stopping the sandbox (API servers and their databases, the operator, the mock API).");
    kubelet.shutdownNow();
    cluster.close();
    apiServers.close();
  }

  private static void foldStringData(Secret secret) {
    if (secret.getStringData() == null) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
    secret.getStringData().forEach((k, v) ->
        data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secret.setData(data);
    secret.setStringData(null);
  }

  static String qualifiedName(HasMetadata item) {
    String namespace = item.getMetadata().getNamespace();
    return namespace == null ? item.getMetadata().getName() : namespace + "/" + item.getMetadata().getName();
  }

  /** The sandbox prints its own progress; library chatter would drown it. */
  private static void quietLibraries() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("io.javaoperatorsdk")).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("io.fabric8")).setLevel(Level.ERROR);
    ((Logger) LoggerFactory.getLogger("io.openluffy.operator")).setLevel(Level.INFO);
  }

  private static void wipe(Path data) throws IOException {
    if (!Files.exists(data)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(data)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
