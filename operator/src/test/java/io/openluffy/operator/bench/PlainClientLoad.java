package io.openluffy.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
 * operator created (read back from the operator run's server), one instance per task on as many threads as JOSDK
 * has reconciler threads; the warm-up instances first, untimed, like the operator's. Args: source server, target
 * server (a mock URL or a kubeconfig file), threads, and a prefix for the instances' and namespaces' names, so the
 * copies can sit next to the originals on one real control plane (empty on a fresh mock server).
 */
public final class PlainClientLoad {

  private PlainClientLoad() {
  }

  public static void main(String[] args) {
    try {
      load(args);
    } catch (Exception e) {
      // the driver waits for a reply line: without this the pool's threads would keep the JVM alive, silent
      e.printStackTrace(System.out);
      ChildJvm.reply("failed " + e);
      System.exit(1);
    }
    System.exit(0);
  }

  private static void load(String[] args) throws Exception {
    Map<Boolean, List<List<HasMetadata>>> instances;
    try (var source = BenchClients.connect(args[0], BenchClients.DRIVER)) {
      instances = ManagedObjects.byInstance(source).stream().collect(Collectors.partitioningBy(
          objects -> objects.get(0).getMetadata().getName().startsWith(OperatorScaleBenchmark.WARMUP_PREFIX)));
    }
    String prefix = args.length > 3 ? args[3] : "";
    List<List<HasMetadata>> measured = instances.get(false);
    ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[2]));
    try (var target = BenchClients.connect(args[1], BenchClients.PLAIN)) {
      createAll(pool, target, instances.get(true), prefix);
      ChildJvm.reply("warm");
      // the driver resets its request counts, then says go
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      long start = System.nanoTime();
      long cpuStart = ChildJvm.cpuNanos();
      createAll(pool, target, measured, prefix);
      long elapsed = System.nanoTime() - start;
      long cpu = ChildJvm.cpuNanos() - cpuStart;
      ChildJvm.reply("instances=" + measured.size() + " objects=" + measured.stream().mapToInt(List::size).sum()
          + " elapsedNanos=" + elapsed + " cpuNanos=" + cpu);
    }
  }

  /**
   * One task per instance, creating its objects in order (the instance, its namespace, the rest), each owned by the
   * instance just created, as the operator's are (the garbage collector of a real server drops objects whose owner
   * does not exist).
   */
  private static void createAll(ExecutorService pool, KubernetesClient target, List<List<HasMetadata>> instances,
      String prefix) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (List<HasMetadata> objects : instances) {
      done.add(pool.submit(() -> {
        HasMetadata instance = objects.get(0);
        String original = instance.getMetadata().getName();
        instance.getMetadata().setName(prefix + original);
        String uid = create(target, instance).getMetadata().getUid();
        for (HasMetadata object : objects.subList(1, objects.size())) {
          var metadata = object.getMetadata();
          if (metadata.getNamespace() == null) {
            metadata.setName(prefix + metadata.getName());
          } else {
            metadata.setNamespace(prefix + metadata.getNamespace());
          }
          metadata.getOwnerReferences().stream().filter(o -> o.getName().equals(original)).forEach(o -> {
            o.setName(prefix + original);
            o.setUid(uid);
          });
          create(target, object);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  /**
   * A create whose first attempt timed out on a loaded server (504) is retried by fabric8 and answered 409: the
   * first attempt had created it.
   */
  private static HasMetadata create(KubernetesClient target, HasMetadata object) {
    try {
      return target.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return target.resource(object).get();
    }
  }
}
