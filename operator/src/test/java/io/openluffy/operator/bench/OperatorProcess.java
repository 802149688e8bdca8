package io.openluffy.operator.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import io.openluffy.operator.OperatorHttpServer;
import io.openluffy.operator.config.OperatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator as its own process, wired like {@code Main} but against the benchmark's server and with every
 * instance's API server at the benchmark's fake, so its heap and RSS are the operator's alone. Args: the server (mock
 * URL, or a kubeconfig with the chart ServiceAccount's token), the fake API servers' URL, the operator namespace,
 * server-side apply (false only on the mock, which cannot apply). Answers the driver's commands on stdin with {@link ChildJvm#REPLY} lines.
 */
public final class OperatorProcess {

  private OperatorProcess() {
  }

  public static void main(String[] args) throws IOException {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var client = BenchClients.connect(args[0], BenchClients.OPERATOR);
    URI apiServers = URI.create(args[1]);
    var operator = OpenLuffyOperator.create(client, new OperatorConfig(args[2], false, Boolean.parseBoolean(args[3]),
        0), registry, instance -> apiServers);
    var http = OperatorHttpServer.start(0, registry, operator::isReady, operator::isAlive);
    operator.start();
    ChildJvm.reply("started");
    var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String command = commands.readLine(); command != null && !command.equals("exit");
        command = commands.readLine()) {
      switch (command) {
        case "memory" -> ChildJvm.reply(memory());
        case "cpu" -> ChildJvm.reply("cpuNanos=" + ChildJvm.cpuNanos());
        case "reconciles" -> ChildJvm.reply("success=" + count(registry, "operator.sdk.reconciliations.success")
            + " failed=" + count(registry, "operator.sdk.reconciliations.failed"));
        default -> ChildJvm.reply("unknown command " + command);
      }
    }
    operator.close();
    http.close();
    client.close();
    System.exit(0);
  }

  private static long count(PrometheusMeterRegistry registry, String name) {
    return Math.round(registry.find(name).counters().stream().mapToDouble(Counter::count).sum());
  }

  /** Heap in use after a full collection, and the resident set the kernel charges to the process. */
  private static String memory() throws IOException {
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: 0 kB")
        .replaceAll("\\D+", "");
    return "heapAfterGcBytes=" + heap + " rssKiB=" + rss;
  }
}
