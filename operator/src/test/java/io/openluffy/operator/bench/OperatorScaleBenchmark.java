package io.openluffy.operator.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The operator at scale (issues 7 and 10): N instances applied at once until all are Ready, against the limit of a
 * plain client creating the same objects; the operator process's memory; steady state (every Ready instance
 * reconciled again by the running operator) and two restarts, counting writes. Prints figures, asserts nothing.
 * Args: instance counts, e.g. {@code 200,1000}. System properties: {@code bench.cluster}, {@code mock} (the fabric8
 * mock server, SSA off) or {@code real} (a real control plane, the operator as in production);
 * {@code bench.operator.jvm}, flags of the operator (and plain client) JVMs; {@code bench.warmup}, instances created
 * first, unmeasured, by both sides, so neither is timed while its JIT is still cold.
 */
public final class OperatorScaleBenchmark {

  /** JOSDK's default reconciler thread count (ConfigurationService.DEFAULT_RECONCILIATION_THREADS_NUMBER). */
  static final int THREADS = 50;
  private static final Path LOGS = Path.of("target", "bench");
  private static final Duration PATIENCE = Duration.ofMinutes(Integer.getInteger("bench.patience.minutes", 10));

  /** Names of the instances that warm both JVMs up (JIT) and of those that are measured. */
  static final String WARMUP_PREFIX = "warmup-";
  static final String MEASURED_PREFIX = "bench-";

  private final List<String> jvmFlags;
  private final int warmup;
  private final boolean real;

  private OperatorScaleBenchmark(List<String> jvmFlags, int warmup, boolean real) {
    this.jvmFlags = jvmFlags;
    this.warmup = warmup;
    this.real = real;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = Arrays.stream((args.length == 0 ? "200" : args[0]).split(","))
        .map(String::trim).map(Integer::valueOf).toList();
    List<String> flags = List.of(System.getProperty("bench.operator.jvm", "-Xms32m -Xmx256m -XX:+UseSerialGC").split("\\s+"));
    int warmup = Integer.getInteger("bench.warmup", 20);
    boolean real = "real".equals(System.getProperty("bench.cluster", "mock"));
    System.out.printf("Operator scale benchmark on %s: instances %s after %d warm-up instances, operator JVM flags"
        + " %s, %d threads on both sides, %d CPUs%n", real ? "a real control plane" : "the fabric8 mock server", sizes,
        warmup, String.join(" ", flags), THREADS, Runtime.getRuntime().availableProcessors());
    var benchmark = new OperatorScaleBenchmark(flags, warmup, real);
    for (int n : sizes) {
      benchmark.run(n);
    }
    System.exit(0);
  }

  private void run(int n) throws Exception {
    System.out.printf("%n== %d instances ==%n", n);
    try (BenchServer cluster = real
        ? RealBenchCluster.start(LOGS.resolve("control-plane-" + n + "-" + ProcessHandle.current().pid()))
        : BenchCluster.start()) {
      OptionalDouble operatorSeconds;
      double operatorCpuSeconds;
      Map<String, Long> provisioning;
      int bootstrapCalls;
      String memory;
      try (var operator = startOperator(cluster, "operator-" + n)) {
        applyAndAwaitReady(cluster, WARMUP_PREFIX, warmup).orElseThrow();
        cluster.resetCounts();
        long cpuStart = cpuNanos(operator);
        operatorSeconds = applyAndAwaitReady(cluster, MEASURED_PREFIX, n);
        operatorCpuSeconds = (cpuNanos(operator) - cpuStart) / 1e9;
        provisioning = cluster.requests(BenchClients.OPERATOR);
        bootstrapCalls = cluster.bootstrapCalls();
        memory = operator.ask("memory", Duration.ofMinutes(1));
        if (operatorSeconds.isPresent()) {
          cluster.adminsExist();
          steadyState(cluster, operator, n);
        }
      }
      long objects = RequestLog.creates(provisioning);
      printRequests("operator requests while provisioning", provisioning, n);
      System.out.printf("admin bootstrap calls to the fake API servers: %d%n", bootstrapCalls);
      System.out.printf("operator memory at %d instances: %s (flags %s)%n", n, memory(memory),
          String.join(" ", jvmFlags));
      if (operatorSeconds.isEmpty()) {
        System.out.printf("RESULT n=%d INCOMPLETE: not all Ready within %s; resync and limit skipped%n", n, PATIENCE);
        return;
      }
      System.out.printf("operator: %d instances Ready in %.2f s (from apply; operator already started),"
          + " operator process CPU %.2f s%n", n, operatorSeconds.getAsDouble(), operatorCpuSeconds);

      restart(cluster, n, 1);
      restart(cluster, n, 2);

      double[] plain = plainLimit(cluster, n);
      System.out.printf("RESULT n=%d operatorSeconds=%.2f plainSeconds=%.2f ratio=%.2f (target <= %s);"
          + " plainSecondsToWorkloadsReady=%.2f ratioToWorkloadsReady=%.2f;"
          + " operatorCpuSeconds=%.2f plainCpuSeconds=%.2f cpuRatio=%.2f; operator creates=%d%n", n,
          operatorSeconds.getAsDouble(), plain[0], operatorSeconds.getAsDouble() / plain[0], real ? "1.2" : "1.5",
          plain[2], operatorSeconds.getAsDouble() / plain[2], operatorCpuSeconds, plain[1],
          operatorCpuSeconds / plain[1], objects);
    }
  }

  /**
   * Creates N instances from {@link #THREADS} threads at once; returns seconds until every one reports Ready, or
   * nothing if that takes longer than {@link #PATIENCE}.
   */
  private static OptionalDouble applyAndAwaitReady(BenchServer cluster, String prefix, int n) throws InterruptedException {
    Map<String, Long> ready = new ConcurrentHashMap<>();
    var allReady = new CountDownLatch(n);
    long start = System.nanoTime();
    var informer = cluster.client().resources(OpenLuffyInstance.class).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(OpenLuffyInstance instance) {
        if (instance.getMetadata().getName().startsWith(prefix)
            && instance.getStatus() != null && instance.getStatus().isTrue("Ready")
            && ready.putIfAbsent(instance.getMetadata().getName(), System.nanoTime() - start) == null) {
          allReady.countDown();
        }
      }

      @Override
      public void onUpdate(OpenLuffyInstance old, OpenLuffyInstance instance) {
        onAdd(instance);
      }

      @Override
      public void onDelete(OpenLuffyInstance instance, boolean deletedFinalStateUnknown) {
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int i = 0; i < n; i++) {
      var instance = cluster.instance(prefix + i);
      pool.execute(() -> cluster.client().resource(instance).create());
    }
    pool.shutdown();
    if (!allReady.await(PATIENCE.toMinutes(), TimeUnit.MINUTES)) {
      informer.close();
      System.out.printf("%s instances: only %d of %d Ready after %s%n", prefix, ready.size(), n, PATIENCE);
      return OptionalDouble.empty();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    informer.close();
    long[] times = ready.values().stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%s instances Ready: first after %.2f s, half after %.2f s, all after %.2f s%n", prefix, times[0] / 1e9,
        times[n / 2] / 1e9, seconds);
    return OptionalDouble.of(seconds);
  }

  /** A prod instance (2 API server replicas, strict policies), everything else defaulted. */
  static OpenLuffyInstance prodInstance(String name) {
    var instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName(name).build());
    var spec = new OpenLuffyInstanceSpec();
    spec.setEnvironment("prod");
    instance.setSpec(spec);
    return instance;
  }

  private ChildJvm startOperator(BenchServer cluster, String log) {
    var operator = ChildJvm.start(jvmFlags, OperatorProcess.class, LOGS.resolve(log + ".log"),
        cluster.target(BenchClients.OPERATOR), cluster.apiServersUrl(), cluster.operatorNamespace(),
        Boolean.toString(cluster.serverSideApply()));
    operator.awaitReply(Duration.ofMinutes(2));
    return operator;
  }

  /**
   * Steady state (issue 7's resync): the running operator reconciles every Ready instance once more, triggered by
   * a change on one secondary of each instance that the operator does not manage. Nothing the operator manages
   * changed, so nothing may be written.
   */
  private static void steadyState(BenchServer cluster, ChildJvm operator, int n) throws InterruptedException {
    // provisioning's last reconciles (after Ready was seen) must not be counted as steady state
    long before = reconciledCount(awaitReconciles(operator, 0));
    cluster.resetCounts();
    int touched = cluster.touchEveryInstance(MEASURED_PREFIX);
    String reconciles = awaitReconciles(operator, before + touched);
    Map<String, Long> requests = cluster.requests(BenchClients.OPERATOR);
    long writes = RequestLog.writes(requests);
    System.out.printf("steady state (%d instances touched, same operator process): reconciles %s"
        + " (%d before); write requests %d (target 0); admin bootstrap calls %d%n", touched, reconciles, before,
        writes, cluster.bootstrapCalls());
    printRequests("operator requests in steady state", requests, n);
    cluster.firstWrites(BenchClients.OPERATOR).forEach(w -> System.out.println("    write: " + w));
    System.out.printf("RESULT n=%d steadyStateWrites=%d%n", n, writes);
  }

  /**
   * A restart (or leader change): a new operator process reconciles every instance it finds. The first restart
   * after provisioning confirms each admin once (issue 4: AdminBootstrapped Created becomes AlreadyInitialized,
   * one status write per instance); a second restart should write nothing.
   */
  private void restart(BenchServer cluster, int n, int number) throws InterruptedException {
    cluster.resetCounts();
    try (var operator = startOperator(cluster, "operator-restart" + number + "-" + n)) {
      String reconciles = awaitReconciles(operator, n);
      Map<String, Long> requests = cluster.requests(BenchClients.OPERATOR);
      long writes = RequestLog.writes(requests);
      System.out.printf("restart %d: reconciles %s; write requests %d; admin bootstrap calls %d%n", number,
          reconciles, writes, cluster.bootstrapCalls());
      printRequests("operator requests after restart " + number, requests, n);
      cluster.firstWrites(BenchClients.OPERATOR).forEach(w -> System.out.println("    write: " + w));
      System.out.printf("RESULT n=%d restart%dWrites=%d%n", n, number, writes);
    }
  }

  /** Waits until at least {@code target} reconciles succeeded and the count stayed put for two seconds. */
  private static String awaitReconciles(ChildJvm operator, long target) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String previous = "";
    String reconciles = operator.ask("reconciles", Duration.ofSeconds(30));
    while (reconciledCount(reconciles) < target || !reconciles.equals(previous)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("reconciles incomplete: " + reconciles + ", expected " + target);
      }
      Thread.sleep(2000);
      previous = reconciles;
      reconciles = operator.ask("reconciles", Duration.ofSeconds(30));
    }
    return reconciles;
  }

  private static long cpuNanos(ChildJvm operator) {
    return Long.parseLong(operator.ask("cpu", Duration.ofSeconds(30)).replace("cpuNanos=", ""));
  }

  private static long reconciledCount(String reply) {
    return Long.parseLong(reply.replaceAll(".*success=(\\d+).*", "$1"));
  }

  /**
   * The plain client in its own JVM, same flags, on the server {@link BenchServer#forPlainClient()} gives. Returns
   * wall seconds to create everything, the client process's CPU seconds, and wall seconds until the built-in
   * controllers (or the simulated kubelet) report its StatefulSets and Deployments ready, as the operator waits
   * for them before Ready.
   */
  private double[] plainLimit(BenchServer source, int n) throws InterruptedException {
    var target = source.forPlainClient();
    try (var plain = ChildJvm.start(jvmFlags, PlainClientLoad.class, LOGS.resolve("plain-" + n + ".log"),
        source.target(BenchClients.PLAIN), target.target(BenchClients.PLAIN), Integer.toString(THREADS),
        target.plainPrefix())) {
      String warm = plain.awaitReply(PATIENCE);
      if (warm.startsWith("failed")) {
        throw new IllegalStateException("plain client: " + warm);
      }
      target.resetCounts();
      long start = System.nanoTime();
      String reply = plain.ask("go", PATIENCE);
      if (reply.startsWith("failed")) {
        throw new IllegalStateException("plain client: " + reply);
      }
      double seconds = Long.parseLong(reply.replaceAll(".*elapsedNanos=(\\d+).*", "$1")) / 1e9;
      double cpu = Long.parseLong(reply.replaceAll(".*cpuNanos=(\\d+).*", "$1")) / 1e9;
      String namespaces = target.plainPrefix() + "openluffy-" + MEASURED_PREFIX;
      awaitWorkloadsReady(target.client(), namespaces, n);
      double ready = (System.nanoTime() - start) / 1e9;
      System.out.printf("plain fabric8 client: %s, i.e. %.2f s, CPU %.2f s; its workloads ready after %.2f s%n",
          reply, seconds, cpu, ready);
      printRequests("plain client requests", target.requests(BenchClients.PLAIN), n);
      return new double[] {seconds, cpu, ready};
    } finally {
      if (target != source) {
        target.close();
      }
    }
  }

  /** Until every StatefulSet and Deployment in the namespaces starting with {@code prefix} is ready, one per instance. */
  private static void awaitWorkloadsReady(KubernetesClient client, String prefix, int n) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      long sets = client.apps().statefulSets().inAnyNamespace().list().getItems().stream()
          .filter(s -> s.getMetadata().getNamespace().startsWith(prefix) && s.getStatus() != null
              && Objects.equals(s.getStatus().getReadyReplicas(), s.getSpec().getReplicas())).count();
      long deployments = client.apps().deployments().inAnyNamespace().list().getItems().stream()
          .filter(d -> d.getMetadata().getNamespace().startsWith(prefix) && d.getStatus() != null
              && Objects.equals(d.getStatus().getAvailableReplicas(), d.getSpec().getReplicas())).count();
      if (sets >= n && deployments >= n) {
        return;
      }
      Thread.sleep(500);
    }
    System.out.printf("plain client's workloads: not all ready after %s%n", PATIENCE);
  }

  private static void printRequests(String title, Map<String, Long> counts, int n) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("%s: %d total, %.2f per instance, of which writes %d%n", title, total, (double) total / n,
        RequestLog.writes(counts));
    counts.forEach((key, count) -> System.out.printf("    %-36s %7d  %6.2f/instance%n", key, count,
        (double) count / n));
  }

  private static String memory(String reply) {
    long heap = Long.parseLong(reply.replaceAll(".*heapAfterGcBytes=(\\d+).*", "$1"));
    long rss = Long.parseLong(reply.replaceAll(".*rssKiB=(\\d+).*", "$1"));
    System.out.printf("RESULT memory heapAfterGcMiB=%.1f rssMiB=%.1f%n", heap / 1048576.0, rss / 1024.0);
    return String.format("heap after full GC %.1f MiB, RSS %.1f MiB", heap / 1048576.0, rss / 1024.0);
  }
}
