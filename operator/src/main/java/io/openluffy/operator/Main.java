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
    var http = OperatorHttpServer.start(config.httpPort(), registry, operator::isReady);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      http.close();
      client.close();
    }, "shutdown"));
    log.info("OpenLuffy operator starting (namespace {}, leader election {}, server-side apply {}, http port {})",
        config.namespace(), config.leaderElection(), config.serverSideApply(), http.port());
    operator.start();
  }
}
