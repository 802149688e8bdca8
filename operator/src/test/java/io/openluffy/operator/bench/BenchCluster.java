package io.openluffy.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A CRUD mock API server with the OpenLuffyInstance CRD, a {@link RequestLog} and a {@link SimulatedKubelet}. */
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

  private BenchCluster() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), requests, false);
    server.init();
    client = BenchClients.connect(url(), BenchClients.DRIVER);
    client.apiextensions().v1().customResourceDefinitions()
        .load(BenchCluster.class.getResourceAsStream("/META-INF/fabric8/openluffyinstances.openluffy.io-v1.yml"))
        .create();
    kubeletClient = BenchClients.connect(url(), BenchClients.KUBELET);
    kubelet = SimulatedKubelet.start(kubeletClient);
  }

  static BenchCluster start() {
    return new BenchCluster();
  }

  String url() {
    return server.url("/");
  }

  /** The benchmark's own client. */
  KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    kubelet.close();
    kubeletClient.close();
    client.close();
    server.destroy();
  }
}
