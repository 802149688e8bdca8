package io.openluffy.operator.cluster;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import io.openluffy.operator.bootstrap.ApiServerLocator;
import io.openluffy.operator.config.OperatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator as it runs in production, in this JVM: the Helm chart installed into the control plane (helm install,
 * leader-election Role included), then {@link OpenLuffyOperator} with server-side apply on, authenticated as the
 * chart's ServiceAccount by a TokenRequest token, so every request it makes is checked against the chart's RBAC.
 * The chart's own operator Deployment gets a kwok pod that runs nothing.
 */
public final class ChartOperator implements AutoCloseable {

  public static final String RELEASE = "openluffy";
  /** The operator namespace the examples use (their admin Secrets live there). */
  public static final String NAMESPACE = "openluffy";
  public static final String SERVICE_ACCOUNT = "openluffy-operator";
  public static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

  private final ControlPlane plane;
  private final String token;
  private final KubernetesClient client;
  /** Each operator with its own client, as each pod has: operators sharing one client disturb each other's informers. */
  private final Map<OpenLuffyOperator, KubernetesClient> replicas = new LinkedHashMap<>();
  /**
   * Clients of stopped operators, closed only in {@link #close()}: closing one right after its operator stops can
   * fail an informer still winding down, and JOSDK's default informer-stopped handler then exits the JVM.
   */
  private final List<KubernetesClient> retired = new ArrayList<>();

  private ChartOperator(ControlPlane plane, String token) {
    this.plane = plane;
    this.token = token;
    this.client = plane.clientWithToken(token);
  }

  /** Installs the chart (once per control plane) and logs in as its ServiceAccount. */
  public static ChartOperator install(ControlPlane plane) {
    synchronized (ChartOperator.class) {
      if (plane.admin().serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT).get() == null) {
        new Helm(chart()).install().withName(RELEASE).withNamespace(NAMESPACE).createNamespace()
            .withKubeConfig(plane.kubeconfig()).set("operator.leaderElection.enabled", "true").call();
      }
    }
    return new ChartOperator(plane, plane.token(NAMESPACE, SERVICE_ACCOUNT));
  }

  public static Path chart() {
    return Path.of(System.getProperty("openluffy.chart", "../helm/openluffy")).toAbsolutePath();
  }

  /** A client with the chart ServiceAccount's identity (for the test's reads; each operator has its own). */
  public KubernetesClient client() {
    return client;
  }

  /** Starts one operator, the chart's defaults (SSA on, one replica, no leader election). */
  public OpenLuffyOperator start(ApiServerLocator apiServers, MeterRegistry registry) {
    KubernetesClient own = plane.clientWithToken(token);
    return started(own, OpenLuffyOperator.create(own, new OperatorConfig(NAMESPACE, false, true, 0), registry,
        apiServers));
  }

  /** Starts a replica with leader election, as the chart runs several: it reconciles only while it holds the Lease. */
  public OpenLuffyOperator startReplica(String identity, ApiServerLocator apiServers) {
    KubernetesClient own = plane.clientWithToken(token);
    return started(own, OpenLuffyOperator.create(own, new OperatorConfig(NAMESPACE, true, true, 0),
        new SimpleMeterRegistry(), apiServers, new OpenLuffyOperator.Candidate(identity, false)));
  }

  private synchronized OpenLuffyOperator started(KubernetesClient own, OpenLuffyOperator operator) {
    replicas.put(operator, own);
    return operator.start();
  }

  /** Stops one operator started here (a pod going away). */
  public synchronized void stop(OpenLuffyOperator operator) {
    KubernetesClient own = replicas.remove(operator);
    if (own != null) {
      operator.close();
      retired.add(own);
    }
  }

  @Override
  public synchronized void close() {
    List.copyOf(replicas.keySet()).forEach(this::stop);
    retired.forEach(KubernetesClient::close);
    retired.clear();
    client.close();
  }
}
