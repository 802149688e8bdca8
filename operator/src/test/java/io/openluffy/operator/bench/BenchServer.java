package io.openluffy.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;
import java.util.Map;

/**
 * Where the benchmark runs: the fabric8 mock server ({@link BenchCluster}) or a real control plane
 * ({@link RealBenchCluster}). Requests are counted per participant, {@link BenchClients#OPERATOR} or
 * {@link BenchClients#PLAIN}, as "verb kind".
 */
interface BenchServer extends AutoCloseable {

  /** How a child JVM reaches the server as {@code participant}: a URL, or a kubeconfig file with its identity. */
  String target(String participant);

  /** Server-side apply as in production, unless the server cannot apply. */
  boolean serverSideApply();

  /** The operator's own namespace (its leader-election Lease and the admin Secrets). */
  String operatorNamespace();

  /** Base URL of every instance's API server, as the bootstrap step sees it. */
  String apiServersUrl();

  /** The benchmark's own client. */
  KubernetesClient client();

  /** The instance the benchmark applies. */
  OpenLuffyInstance instance(String name);

  void resetCounts();

  Map<String, Long> requests(String participant);

  /** The first few writes of the participant since {@link #resetCounts()}: what a write in steady state was. */
  List<String> firstWrites(String participant);

  /** Calls of the admin bootstrap to the instances' API servers since {@link #resetCounts()}. */
  int bootstrapCalls();

  /** From now on every instance's database has its admin, as on a real cluster once provisioned. */
  void adminsExist();

  /**
   * A change of nothing the operator manages on one secondary of every instance whose name starts with
   * {@code prefix}, so the running operator reconciles each once more. Returns how many were touched.
   */
  int touchEveryInstance(String prefix);

  /**
   * The server the plain client writes to and the prefix it gives the instances and their namespaces: on the mock
   * a fresh one (its per-request cost grows with what it stores), on a real control plane this one.
   */
  BenchServer forPlainClient();

  String plainPrefix();

  @Override
  void close();
}
