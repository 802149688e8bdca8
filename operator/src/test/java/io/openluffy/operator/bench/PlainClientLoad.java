package io.openluffy.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The limit of the operator benchmark, as its own process: a plain fabric8 client creating exactly the objects the
 * operator created (read back from the operator run's mock server), one instance per task on as many threads as
 * JOSDK has reconciler threads; the warm-up instances first, untimed, like the operator's. Args: source mock URL,
 * target mock URL, threads.
 */
public final class PlainClientLoad {

  private PlainClientLoad() {
  }

  public static void main(String[] args) throws Exception {
    Map<Boolean, List<List<HasMetadata>>> instances;
    try (var source = BenchClients.connect(args[0], BenchClients.DRIVER)) {
      instances = ManagedObjects.byInstance(source).stream().collect(Collectors.partitioningBy(
          objects -> objects.get(0).getMetadata().getName().startsWith(OperatorScaleBenchmark.WARMUP_PREFIX)));
    }
    List<List<HasMetadata>> measured = instances.get(false);
    ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[2]));
    try (var target = BenchClients.connect(args[1], BenchClients.PLAIN)) {
      createAll(pool, target, instances.get(true));
      ChildJvm.reply("warm");
      // the driver resets its request counts, then says go
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      long start = System.nanoTime();
      long cpuStart = ChildJvm.cpuNanos();
      createAll(pool, target, measured);
      long elapsed = System.nanoTime() - start;
      long cpu = ChildJvm.cpuNanos() - cpuStart;
      ChildJvm.reply("instances=" + measured.size() + " objects=" + measured.stream().mapToInt(List::size).sum()
          + " elapsedNanos=" + elapsed + " cpuNanos=" + cpu);
    }
    System.exit(0);
  }

  /** One task per instance, creating its objects in order (the instance, its namespace, the rest). */
  private static void createAll(ExecutorService pool, KubernetesClient target, List<List<HasMetadata>> instances)
      throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (List<HasMetadata> objects : instances) {
      done.add(pool.submit(() -> objects.forEach(o -> target.resource(o).create())));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }
}
