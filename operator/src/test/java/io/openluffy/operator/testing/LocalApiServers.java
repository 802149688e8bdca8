package io.openluffy.operator.testing;

import io.openluffy.api.ApiServer;
import io.openluffy.api.config.EnvironmentConfig;
import io.openluffy.operator.bootstrap.ApiServerLocator;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real API server per instance, each on its own embedded PostgreSQL under {@code root/<instance>}, playing
 * the instances' API pods. As an {@link ApiServerLocator} it is how the operator reaches them: a stopped server
 * keeps its URL (so the operator sees a refused connection, as with a dead pod) and comes back on the same port.
 */
public final class LocalApiServers implements ApiServerLocator, AutoCloseable {

  /** Nothing listens here: instances without a local server look unreachable rather than failing the test. */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

  private final Path root;
  private final Map<String, ApiServer> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

  public LocalApiServers(Path root) {
    this.root = root;
  }

  /** Starts the instance's server (again on its earlier port and data, if it ran before); returns its URL. */
  public synchronized URI start(String instance) {
    return start(instance, Map.of());
  }

  /**
   * Starts the instance's server as its pod would, with these {@code OPENLUFFY_*} variables (e.g. the keys from
   * the instance's Secret), on its data directory and port.
   */
  public synchronized URI start(String instance, Map<String, String> environment) {
    var env = new HashMap<>(environment);
    env.put("OPENLUFFY_PORT", Integer.toString(ports.getOrDefault(instance, 0)));
    env.put("OPENLUFFY_DATA_DIR", root.resolve(instance).toString());
    ApiServer server = ApiServer.start(EnvironmentConfig.read(env));
    running.put(instance, server);
    ports.put(instance, server.port());
    return url(instance);
  }

  /** Starts the instance's server on the given port the first time (the sandbox's predictable URLs). */
  public synchronized URI start(String instance, int port) {
    ports.putIfAbsent(instance, port);
    return start(instance);
  }

  /** Stops the instance's server, keeping its data and port: "the API pod is down". */
  public synchronized void stop(String instance) {
    ApiServer server = running.remove(instance);
    if (server != null) {
      server.close();
    }
  }

  public boolean isRunning(String instance) {
    return running.containsKey(instance);
  }

  public URI url(String instance) {
    Integer port = ports.get(instance);
    return port == null ? NOWHERE : URI.create("http://localhost:" + port);
  }

  public ApiClient client(String instance) {
    return new ApiClient(url(instance));
  }

  /** How often the operator looked up this instance's API server, i.e. attempted a bootstrap call. */
  public int bootstrapAttempts(String instance) {
    return lookups.computeIfAbsent(instance, k -> new AtomicInteger()).get();
  }

  @Override
  public URI baseUrl(OpenLuffyInstance instance) {
    String name = instance.getMetadata().getName();
    lookups.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    return url(name);
  }

  @Override
  public synchronized void close() {
    running.keySet().forEach(this::stop);
  }
}
