package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OperatorHttpServerTest {

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesMetricsHealthAndReadiness() throws Exception {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("operator.sdk.reconciliations.success").register(registry).increment();
    var ready = new AtomicBoolean(false);
    var alive = new AtomicBoolean(true);
    try (var server = OperatorHttpServer.start(0, registry, ready::get, alive::get)) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      alive.set(false);
      assertThat(get(server, "/healthz").statusCode()).as("informers unhealthy: restart me").isEqualTo(503);
      alive.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      var metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("operator_sdk_reconciliations_success_total 1.0");
    }
  }

  private HttpResponse<String> get(OperatorHttpServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
