package io.openluffy.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** GET /metrics (Prometheus text), /healthz (liveness: the operator can work) and /readyz (started, informers healthy). */
public final class OperatorHttpServer implements AutoCloseable {

  private final HttpServer server;

  private OperatorHttpServer(HttpServer server) {
    this.server = server;
  }

  public static OperatorHttpServer start(int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
      BooleanSupplier alive) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape()));
    server.createContext("/healthz", exchange -> {
      boolean ok = holds(alive);
      respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ok" : "informers unhealthy");
    });
    server.createContext("/readyz", exchange -> {
      boolean ok = holds(ready);
      respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ok" : "not ready");
    });
    // Scrapes and probes must not queue behind each other on the single dispatcher thread.
    server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "operator-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new OperatorHttpServer(server);
  }

  // During start-up JOSDK's runtime info can throw; that means "no", not a dropped connection.
  private static boolean holds(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(code, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
