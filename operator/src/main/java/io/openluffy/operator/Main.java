package io.openluffy.operator;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.openluffy.operator.config.OperatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the operator image: reads the configuration once and starts the operator and its HTTP port. */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("Invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var client = new KubernetesClientBuilder().build();
    var operator = OpenLuffyOperator.create(client, config, registry);
    var http = OperatorHttpServer.start(config.httpPort(), registry, operator::isReady, operator::isAlive);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      http.close();
      client.close();
    }, "shutdown"));
    log.info("OpenLuffy operator starting (namespace {}, leader election {}, server-side apply {}, http port {})",
        config.namespace(), config.leaderElection(), config.serverSideApply(), http.port());
    try {
      operator.start();
    } catch (RuntimeException e) {
      // Exiting lets Kubernetes restart the pod with backoff (CrashLoopBackOff shows the problem in kubectl get pods);
      // a process left running with its probes green would hide it for good.
      log.error("The operator could not start and exits: {}", rootMessage(e));
      System.exit(1);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + cause.getMessage() + ")";
  }
}
