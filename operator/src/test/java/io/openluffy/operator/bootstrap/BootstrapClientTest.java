package io.openluffy.operator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.openluffy.operator.bootstrap.BootstrapOutcome.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a fake HTTP server answering what a real API server, a proxy in front of it or a broken one
 * could answer. The real API server's answers are covered end to end by AdminBootstrapEndToEndTest.
 */
class BootstrapClientTest {

  static final AdminCredentials ADMIN = new AdminCredentials("admin@prod.local", "Correct-Horse-Battery", "Ada", null);
  static final String TOKEN = "bootstrap-token-of-prod";

  final BootstrapClient client = new BootstrapClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
  final AtomicReference<Answer> answer = new AtomicReference<>();
  final AtomicReference<String> received = new AtomicReference<>();
  final AtomicReference<String> authorization = new AtomicReference<>();
  HttpServer server;

  record Answer(int status, String contentType, String body) {
  }

  @BeforeEach
  void startFakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(BootstrapClient.PATH, exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      received.set(exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Answer a = answer.get();
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", a.contentType());
      exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopFakeServer() {
    server.stop(0);
  }

  @Test
  void postsTheAdminAsSnakeCaseJsonLeavingOutAbsentNames() throws IOException {
    answer.set(json(201, "{\"access_token\":\"t\"}"));

    assertThat(call().result()).isEqualTo(Result.CREATED);
    String[] contentTypeAndBody = received.get().split(" ", 2);
    assertThat(contentTypeAndBody[0]).isEqualTo("application/json");
    JsonNode body = new ObjectMapper().readTree(contentTypeAndBody[1]);
    assertThat(body.get("email").asText()).isEqualTo("admin@prod.local");
    assertThat(body.get("password").asText()).isEqualTo(ADMIN.password());
    assertThat(body.get("first_name").asText()).isEqualTo("Ada");
    assertThat(body.has("last_name")).isFalse();
    assertThat(authorization.get()).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aRefusedBootstrapTokenIsRetriedAndSaysWhichSecretHoldsIt() {
    answer.set(json(401, "{\"detail\":\"a valid bootstrap token is required\"}"));

    var outcome = call();

    assertThat(outcome.result()).isEqualTo(Result.UNREACHABLE);
    assertThat(outcome.detail()).startsWith("HTTP 401: a valid bootstrap token is required").contains("api-keys");
  }

  @Test
  void bootstrapAlreadyCompleteMeansAlreadyInitialized() {
    answer.set(json(403, "{\"detail\":\"Bootstrap already complete. This instance has been initialized.\"}"));

    assertThat(call()).isEqualTo(BootstrapOutcome.of(Result.ALREADY_INITIALIZED,
        "Bootstrap already complete. This instance has been initialized."));
  }

  @Test
  void otherClientErrorsAreRejectionsCarryingTheServersDetail() {
    answer.set(json(400, "{\"detail\":\"email must be a valid e-mail address\"}"));
    assertThat(call()).isEqualTo(BootstrapOutcome.of(Result.REJECTED, "HTTP 400: email must be a valid e-mail address"));

    answer.set(json(403, "{\"detail\":\"Forbidden by policy\"}"));
    assertThat(call()).isEqualTo(BootstrapOutcome.of(Result.REJECTED, "HTTP 403: Forbidden by policy"));
  }

  @Test
  void serverErrorsTimeoutsAndThrottlingAreWorthRetrying() {
    answer.set(json(503, "{\"detail\":\"The database is unavailable. Try again shortly.\"}"));
    assertThat(call()).isEqualTo(BootstrapOutcome.of(Result.UNREACHABLE,
        "HTTP 503: The database is unavailable. Try again shortly."));

    answer.set(new Answer(502, "text/html", "<html>Bad Gateway</html>"));
    assertThat(call()).isEqualTo(BootstrapOutcome.of(Result.UNREACHABLE, "HTTP 502: <html>Bad Gateway</html>"));

    answer.set(json(429, ""));
    assertThat(call()).isEqualTo(BootstrapOutcome.of(Result.UNREACHABLE, "HTTP 429"));
  }

  @Test
  void aServerEchoingTheRequestDoesNotGetThePasswordOrTheTokenIntoTheDetail() {
    answer.set(json(400, "{\"detail\":\"cannot use " + ADMIN.password() + " with " + TOKEN + " here\"}"));

    assertThat(call().detail()).isEqualTo("HTTP 400: cannot use (redacted) with (redacted) here");
  }

  @Test
  void nobodyListeningIsUnreachableNamingTheUrl() throws IOException {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    var outcome = client.createAdmin(URI.create("http://127.0.0.1:" + port), ADMIN, TOKEN);

    assertThat(outcome.result()).isEqualTo(Result.UNREACHABLE);
    assertThat(outcome.detail()).contains("http://127.0.0.1:" + port + BootstrapClient.PATH)
        .doesNotContain(ADMIN.password());
  }

  private BootstrapOutcome call() {
    return client.createAdmin(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), ADMIN, TOKEN);
  }

  private static Answer json(int status, String body) {
    return new Answer(status, "application/json", body);
  }
}
