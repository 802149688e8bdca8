package io.openluffy.operator.bench;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A CRUD mock API server with the OpenLuffyInstance CRD, a {@link RequestLog}, a {@link SimulatedKubelet}, the admin
 * Secret the instances reference, and a fake of every instance's API server for the admin bootstrap.
 */
final class BenchCluster implements AutoCloseable {

  /** The mock server logs every request at INFO through java.util.logging: a cost neither side should pay. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  final RequestLog requests = new RequestLog();
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final KubernetesClient kubeletClient;
  private final SimulatedKubelet kubelet;

  /** The admin Secret every benchmark instance references (design §4). */
  static final String ADMIN_SECRET = "bench-admin";
  static final String ADMIN_SECRET_NAMESPACE = "openluffy-system";

  /**
   * Every instance's API server, as the bootstrap step sees it: answers 201 at once, or, once {@link #adminsExist}
   * is set, 403 "Bootstrap already complete" as a real API server does once its admin exists.
   */
  private final HttpServer apiServers;
  final AtomicInteger bootstrapCalls = new AtomicInteger();
  final AtomicBoolean adminsExist = new AtomicBoolean();

  private BenchCluster() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), requests, false);
    server.init();
    client = BenchClients.connect(url(), BenchClients.DRIVER);
    client.apiextensions().v1().customResourceDefinitions()
        .load(BenchCluster.class.getResourceAsStream("/META-INF/fabric8/openluffyinstances.openluffy.io-v1.yml"))
        .create();
    client.resource(new SecretBuilder().withNewMetadata().withName(ADMIN_SECRET)
        .withNamespace(ADMIN_SECRET_NAMESPACE).endMetadata()
        .addToData("email", base64("admin@bench.example"))
        .addToData("password", base64("bench-password-long-enough")).build()).create();
    kubeletClient = BenchClients.connect(url(), BenchClients.KUBELET);
    kubelet = SimulatedKubelet.start(kubeletClient);
    try {
      apiServers = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    apiServers.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      bootstrapCalls.incrementAndGet();
      if (adminsExist.get()) {
        byte[] body = "{\"detail\": \"Bootstrap already complete\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(403, body.length);
        exchange.getResponseBody().write(body);
      } else {
        exchange.sendResponseHeaders(201, -1);
      }
      exchange.close();
    });
    apiServers.setExecutor(Executors.newFixedThreadPool(4));
    apiServers.start();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Base URL of the fake API servers (one endpoint for all instances). */
  String apiServersUrl() {
    return "http://127.0.0.1:" + apiServers.getAddress().getPort();
  }

  static BenchCluster start() {
    return new BenchCluster();
  }

  String url() {
    return server.url("/");
  }

  /** The simulated kubelet, which also makes the steady-state status heartbeat. */
  SimulatedKubelet kubelet() {
    return kubelet;
  }

  /** The benchmark's own client. */
  KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    apiServers.stop(0);
    kubelet.close();
    kubeletClient.close();
    client.close();
    server.destroy();
  }
}
