package io.openluffy.operator.bench;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.crd.AdminSecretRef;
import io.openluffy.operator.crd.BootstrapSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.MockCluster;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A CRUD mock API server with the OpenLuffyInstance CRD, a {@link RequestLog}, a {@link SimulatedKubelet}, the admin
 * Secret the instances reference, and a fake of every instance's API server for the admin bootstrap.
 */
final class BenchCluster implements BenchServer {

  /** The mock server logs every request at INFO through java.util.logging: a cost neither side should pay. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  private final RequestLog requests = new RequestLog();
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
  private final AtomicInteger bootstrapCalls = new AtomicInteger();
  private final AtomicBoolean adminsExist = new AtomicBoolean();

  private BenchCluster() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), requests, false);
    server.init();
    client = BenchClients.connect(url(), BenchClients.DRIVER);
    MockCluster.installCrds(client);
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

  @Override
  public String apiServersUrl() {
    return "http://127.0.0.1:" + apiServers.getAddress().getPort();
  }

  static BenchCluster start() {
    return new BenchCluster();
  }

  String url() {
    return server.url("/");
  }

  @Override
  public String target(String participant) {
    return url();
  }

  /** The mock server cannot apply (stack.md). */
  @Override
  public boolean serverSideApply() {
    return false;
  }

  @Override
  public String operatorNamespace() {
    return ADMIN_SECRET_NAMESPACE;
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  /**
   * Every instance references an admin Secret opted in for it, so the bootstrap step runs against the fake (design
   * §4).
   */
  @Override
  public OpenLuffyInstance instance(String name) {
    var instance = OperatorScaleBenchmark.prodInstance(name);
    client.resource(new SecretBuilder().withNewMetadata().withName(ADMIN_SECRET + "-" + name)
        .withNamespace(ADMIN_SECRET_NAMESPACE).addToLabels(AdminSecretPolicy.LABEL, name).endMetadata()
        .addToData("email", base64("admin@bench.example"))
        .addToData("password", base64("bench-password-long-enough")).build()).create();
    var ref = new AdminSecretRef();
    ref.setName(ADMIN_SECRET + "-" + name);
    ref.setNamespace(ADMIN_SECRET_NAMESPACE);
    var bootstrap = new BootstrapSpec();
    bootstrap.setAdminSecretRef(ref);
    instance.getSpec().setBootstrap(bootstrap);
    return instance;
  }

  @Override
  public void resetCounts() {
    requests.clear();
    bootstrapCalls.set(0);
  }

  @Override
  public Map<String, Long> requests(String participant) {
    return requests.of(participant);
  }

  @Override
  public List<String> firstWrites(String participant) {
    return requests.firstWrites(participant);
  }

  @Override
  public int bootstrapCalls() {
    return bootstrapCalls.get();
  }

  @Override
  public void adminsExist() {
    adminsExist.set(true);
  }

  /** A kubelet status heartbeat on every instance's Deployment. */
  @Override
  public int touchEveryInstance(String prefix) {
    return kubelet.heartbeat(d -> d.getMetadata().getName().startsWith("openluffy-" + prefix));
  }

  @Override
  public BenchServer forPlainClient() {
    return start();
  }

  @Override
  public String plainPrefix() {
    return "";
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
