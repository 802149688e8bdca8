package io.openluffy.operator.bench;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiServiceDependent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The benchmark on a real control plane ({@link ControlPlane}: etcd, kube-apiserver, controllers, scheduler, kwok):
 * the chart installed, the operator as the chart's ServiceAccount (a TokenRequest token in a kubeconfig), the plain
 * client as a ServiceAccount of its own bound to cluster-admin (it creates instances, which the operator may not),
 * requests counted per identity from the audit log. Instances have no {@code spec.bootstrap}: no API server
 * process runs behind them, so nothing answers at {@link #apiServersUrl()}.
 */
final class RealBenchCluster implements BenchServer {

  private static final String PLAIN_NAMESPACE = "default";
  private static final String PLAIN_ACCOUNT = "bench-plain-client";
  private static final String PLAIN_USER = "system:serviceaccount:" + PLAIN_NAMESPACE + ":" + PLAIN_ACCOUNT;

  private final ControlPlane plane;
  private final Path operatorKubeconfig;
  private final Path plainKubeconfig;
  private long mark;

  private RealBenchCluster(ControlPlane plane, Path operatorKubeconfig, Path plainKubeconfig) {
    this.plane = plane;
    this.operatorKubeconfig = operatorKubeconfig;
    this.plainKubeconfig = plainKubeconfig;
    this.mark = plane.audit().mark();
  }

  static RealBenchCluster start(Path dir) throws IOException, InterruptedException {
    ControlPlane plane = ControlPlane.start(dir.toAbsolutePath());
    try {
      ChartOperator.install(plane).close();
      KubernetesClient admin = plane.admin();
      admin.serviceAccounts().inNamespace(PLAIN_NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata()
          .withName(PLAIN_ACCOUNT).endMetadata().build()).create();
      admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
          .withName(PLAIN_ACCOUNT).endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
          .addNewSubject().withKind("ServiceAccount").withNamespace(PLAIN_NAMESPACE).withName(PLAIN_ACCOUNT).endSubject()
          .build()).create();
      return new RealBenchCluster(plane,
          plane.kubeconfigWithToken("bench-operator", plane.token(ChartOperator.NAMESPACE,
              ChartOperator.SERVICE_ACCOUNT)),
          plane.kubeconfigWithToken("bench-plain", plane.token(PLAIN_NAMESPACE, PLAIN_ACCOUNT)));
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  @Override
  public String target(String participant) {
    return (BenchClients.OPERATOR.equals(participant) ? operatorKubeconfig : plainKubeconfig).toString();
  }

  @Override
  public boolean serverSideApply() {
    return true;
  }

  @Override
  public String operatorNamespace() {
    return ChartOperator.NAMESPACE;
  }

  /** Port 9 (discard): never called, the instances have no bootstrap. */
  @Override
  public String apiServersUrl() {
    return "http://127.0.0.1:9";
  }

  @Override
  public KubernetesClient client() {
    return plane.admin();
  }

  @Override
  public OpenLuffyInstance instance(String name) {
    return OperatorScaleBenchmark.prodInstance(name);
  }

  @Override
  public void resetCounts() {
    mark = plane.audit().mark();
  }

  /** "verb resource[/subresource]", the audit log's verbs (create, patch, list, watch...). */
  @Override
  public Map<String, Long> requests(String participant) {
    return audited(participant).stream().collect(Collectors.groupingBy(
        r -> r.verb() + " " + r.resource() + (r.subresource().isEmpty() ? "" : "/" + r.subresource()),
        TreeMap::new, Collectors.counting()));
  }

  @Override
  public List<String> firstWrites(String participant) {
    return audited(participant).stream().filter(AuditLog.Request::isWrite).limit(3).map(Object::toString).toList();
  }

  private List<AuditLog.Request> audited(String participant) {
    return plane.audit().since(mark, BenchClients.OPERATOR.equals(participant) ? ChartOperator.USER : PLAIN_USER);
  }

  @Override
  public int bootstrapCalls() {
    return 0;
  }

  @Override
  public void adminsExist() {
    // no bootstrap here
  }

  /**
   * Another field manager's annotation on each instance's API Service: an event the operator's Service informer
   * passes on, on an object no built-in controller rewrites, and a field the operator does not own (DriftIT).
   */
  @Override
  public int touchEveryInstance(String prefix) {
    String patch = "{\"metadata\":{\"annotations\":{\"bench.openluffy.io/heartbeat\":\"" + Instant.now() + "\"}}}";
    var instances = plane.admin().resources(OpenLuffyInstance.class).list().getItems().stream()
        .filter(i -> i.getMetadata().getName().startsWith(prefix)).toList();
    instances.forEach(i -> plane.admin().services().inNamespace(i.targetNamespace())
        .withName(ApiServiceDependent.name(i)).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    return instances.size();
  }

  @Override
  public BenchServer forPlainClient() {
    return this;
  }

  /** The copies live next to the operator's objects on the same server, so they need other names. */
  @Override
  public String plainPrefix() {
    return "p-";
  }

  @Override
  public void close() {
    plane.close();
  }
}
