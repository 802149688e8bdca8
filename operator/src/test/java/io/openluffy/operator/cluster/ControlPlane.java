package io.openluffy.operator.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kubernetes control plane on 127.0.0.1, built from Go modules by {@code operator/control-plane/build.sh}:
 * etcd, kube-apiserver (RBAC and PodSecurity admission on, an audit log of every request), kube-controller-manager
 * (garbage collector, namespace, Deployment, StatefulSet, CronJob/Job, PV binding...), kube-scheduler and kwok with
 * one fake node, which makes pods Running/Ready and Job pods Succeeded (a backup pod with the report backup.sh would
 * leave: {@code src/test/resources/kwok/pod-stages.yaml}). Free ports and a fresh PKI per run. There is no
 * volume provisioner: {@link VolumeProvisioner} (started here) plays it.
 */
public final class ControlPlane implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  public static final String NODE = "kwok-node-0";
  /**
   * Room for the benchmark's 1000 instances of 3 pods each, twice (the operator's, then the plain client's copies),
   * plus warm-up; CPU and memory stay far above what the pods request, since kwok runs nothing.
   */
  private static final String PODS = "7000";
  private static final Duration START_PATIENCE = Duration.ofMinutes(3);

  private final Path dir;
  private final Path bin;
  private final Pki pki;
  private final Processes processes;
  private final int apiPort;
  private final KubernetesClient admin;
  private final AuditLog audit;
  private VolumeProvisioner provisioner;

  private ControlPlane(Path dir, Path bin, Pki pki, Processes processes, int apiPort) {
    this.dir = dir;
    this.bin = bin;
    this.pki = pki;
    this.processes = processes;
    this.apiPort = apiPort;
    this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(adminKubeconfigText())).build();
    this.audit = new AuditLog(dir.resolve("audit.log"));
  }

  /** Builds (or reuses from the cache) the binaries, then starts every component and waits until the node is Ready. */
  public static ControlPlane start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path bin = Binaries.directory();
    Pki pki = Pki.create(dir.resolve("pki"));
    var processes = new Processes(dir);
    int etcdPort = freePort();
    int apiPort = freePort();
    var plane = new ControlPlane(dir, bin, pki, processes, apiPort);
    try {
      plane.startAll(etcdPort);
      return plane;
    } catch (IOException | RuntimeException | InterruptedException e) {
      plane.close();
      throw e;
    }
  }

  private void startAll(int etcdPort) throws IOException, InterruptedException {
    int peerPort = freePort();
    processes.start("etcd", List.of(bin("etcd"), "--data-dir", dir.resolve("etcd").toString(),
        "--listen-client-urls", "http://127.0.0.1:" + etcdPort, "--advertise-client-urls", "http://127.0.0.1:" + etcdPort,
        "--listen-peer-urls", "http://127.0.0.1:" + peerPort, "--initial-advertise-peer-urls",
        "http://127.0.0.1:" + peerPort, "--initial-cluster", "default=http://127.0.0.1:" + peerPort,
        "--listen-metrics-urls", "http://127.0.0.1:" + freePort(), "--unsafe-no-fsync", "--log-level", "warn"));

    Files.writeString(dir.resolve("audit-policy.yaml"), """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
          # the instances' status writes with their bodies: a failed "zero writes" check then shows what changed
          - level: Request
            resources: [{group: openluffy.io, resources: [openluffyinstances/status]}]
          - level: Metadata
        """);
    processes.start("kube-apiserver", List.of(bin("kube-apiserver"),
        "--etcd-servers=http://127.0.0.1:" + etcdPort,
        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
        "--tls-cert-file=" + pki.file("apiserver.crt"), "--tls-private-key-file=" + pki.file("apiserver.key"),
        "--client-ca-file=" + pki.file("ca.crt"),
        "--authorization-mode=Node,RBAC",
        "--enable-admission-plugins=NodeRestriction",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + pki.file("sa.pub"),
        "--service-account-signing-key-file=" + pki.file("sa.key"),
        // a /24 runs out at 254 Services: the benchmark makes one ClusterIP Service per instance, twice
        "--service-cluster-ip-range=10.0.0.0/16",
        "--audit-policy-file=" + dir.resolve("audit-policy.yaml"),
        "--audit-log-path=" + dir.resolve("audit.log"), "--audit-log-format=json", "--audit-log-maxsize=0",
        "--cert-dir=" + dir.resolve("apiserver-certs"),
        "--profiling=false"));
    await("kube-apiserver /readyz").atMost(START_PATIENCE).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().until(() -> "ok".equals(admin.raw(url() + "/readyz")));

    Path kubeconfig = kubeconfig();
    processes.start("kube-controller-manager", List.of(bin("kube-controller-manager"),
        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=127.0.0.1", "--secure-port=" + freePort(), "--leader-elect=false",
        "--service-account-private-key-file=" + pki.file("sa.key"), "--root-ca-file=" + pki.file("ca.crt"),
        "--use-service-account-credentials=true",
        "--cluster-signing-cert-file=" + pki.file("ca.crt"), "--cluster-signing-key-file=" + pki.file("ca.key"),
        // the namespace controller and the garbage collector run every few seconds, not at production pace
        "--concurrent-gc-syncs=5", "--namespace-sync-period=10s"));
    processes.start("kube-scheduler", List.of(bin("kube-scheduler"),
        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=127.0.0.1", "--secure-port=" + freePort(), "--leader-elect=false"));
    Path stages = dir.resolve("kwok-pod-stages.yaml");
    try (var in = ControlPlane.class.getResourceAsStream("/kwok/pod-stages.yaml")) {
      Files.copy(in, stages);
    }
    processes.start("kwok", List.of(bin("kwok"), "--kubeconfig=" + kubeconfig, "--config=" + stages,
        "--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        "--cidr=10.244.0.0/24", "--node-ip=10.244.0.1", "--server-address=127.0.0.1:" + freePort(),
        // renew the node's Lease: without it the node lifecycle controller marks the node's pods NotReady ~50 s in
        "--node-lease-duration-seconds=40"));

    admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE)
        .addToAnnotations("kwok.x-k8s.io/node", "fake")
        .addToLabels(Map.of("kubernetes.io/hostname", NODE, "kubernetes.io/os", "linux", "type", "kwok"))
        .endMetadata()
        .withNewStatus()
        .addToCapacity(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity(PODS)))
        .addToAllocatable(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"),
            "pods", new Quantity(PODS)))
        .endStatus().build()).create();
    await("kwok marks node " + NODE + " Ready").atMost(START_PATIENCE).ignoreExceptions()
        .until(() -> admin.nodes().withName(NODE).get().getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    // the service-account controller of kube-controller-manager: pods are admitted only once "default" exists
    await("kube-controller-manager creates ServiceAccount default").atMost(START_PATIENCE).ignoreExceptions()
        .until(() -> admin.serviceAccounts().inNamespace("default").withName("default").get() != null);
    provisioner = VolumeProvisioner.start(admin);
  }

  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** A cluster-admin client (system:masters): for the test's own set-up and checks, never for the operator. */
  public KubernetesClient admin() {
    return admin;
  }

  public AuditLog audit() {
    return audit;
  }

  /** The admin kubeconfig, as a file (helm, kubectl, the built-in components). */
  public Path kubeconfig() {
    Path file = dir.resolve("admin.kubeconfig");
    if (!Files.exists(file)) {
      try {
        Files.writeString(file, adminKubeconfigText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  /** A kubeconfig file that authenticates with a bearer token (a process started the way the image starts). */
  public Path kubeconfigWithToken(String name, String token) throws IOException {
    Path file = dir.resolve(name + ".kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters: [{name: test, cluster: {server: "%s", certificate-authority: "%s"}}]
        users: [{name: %s, user: {token: "%s"}}]
        contexts: [{name: test, context: {cluster: test, user: %s}}]
        current-context: test
        """.formatted(url(), pki.file("ca.crt"), name, token, name));
    return file;
  }

  /** A TokenRequest token of a ServiceAccount, valid for six hours: longer than any test or benchmark run. */
  public String token(String namespace, String serviceAccount) {
    return admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6 * 3600L).endSpec().build())
        .getStatus().getToken();
  }

  /** A client authenticated with a bearer token (a ServiceAccount's, from a TokenRequest). */
  public KubernetesClient clientWithToken(String token) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url())
        .withCaCertFile(pki.file("ca.crt").toString()).withOauthToken(token).build()).build();
  }

  /** Runs the built kubectl with the admin kubeconfig; returns its standard output, fails on a non-zero exit. */
  public String kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin("kubectl"), "--kubeconfig", kubeconfig().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("kubectl " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }

  /** PIDs of the control plane's processes still running. */
  public List<Long> pids() {
    return processes.alivePids();
  }

  private String adminKubeconfigText() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: test
            cluster: {server: "%s", certificate-authority: "%s"}
        users:
          - name: admin
            user: {client-certificate: "%s", client-key: "%s"}
        contexts:
          - name: test
            context: {cluster: test, user: admin}
        current-context: test
        """.formatted(url(), pki.file("ca.crt"), pki.file("admin.crt"), pki.file("admin.key"));
  }

  private String bin(String name) {
    return bin.resolve(name).toString();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (provisioner != null) {
      provisioner.close();
    }
    admin.close();
    processes.close();
  }
}
