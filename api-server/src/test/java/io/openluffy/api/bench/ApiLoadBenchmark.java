package io.openluffy.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The API server under load (issue 7), each figure against a limit measured in the same run: authenticated
 * {@code GET /v1/auth/me} against {@code /healthz} at 50 connections, logins against raw argon2id hashing on as many
 * threads as connections, and process start to {@code /readyz}. Prints figures, asserts nothing.
 * System properties: {@code bench.server.jvm} (server JVM flags, default none), {@code bench.seconds} (per wrk run).
 */
public final class ApiLoadBenchmark {

  private static final Path WORK = Path.of("target", "bench");
  private static final String PASSWORD = "bench-password-long-enough";
  private static final int LOGIN_USERS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<String> serverFlags;
  private final int seconds;

  private ApiLoadBenchmark(List<String> serverFlags, int seconds) {
    this.serverFlags = serverFlags;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    String flags = System.getProperty("bench.server.jvm", "").trim();
    var benchmark = new ApiLoadBenchmark(flags.isEmpty() ? List.of() : List.of(flags.split("\\s+")),
        Integer.getInteger("bench.seconds", 10));
    System.out.printf("API server benchmark: %d CPUs, server JVM flags '%s', %d s per wrk run%n",
        Runtime.getRuntime().availableProcessors(), flags, benchmark.seconds);
    Wrk.ensureInstalled();
    System.out.printf("load average at the start: %s%n", loadAverage());
    benchmark.startToReady();
    benchmark.underLoad();
    System.out.printf("load average at the end: %s%n", loadAverage());
    System.exit(0);
  }

  /** Start to ready on an initialised embedded database, then on an external PostgreSQL (already migrated). */
  private void startToReady() throws IOException {
    Path data = fresh("start-data");
    Map<String, String> embedded = Map.of("OPENLUFFY_DATA_DIR", data.toString());
    try (var first = ServerProcess.start(serverFlags, embedded, WORK.resolve("start-embedded-first.log"))) {
      System.out.printf("first start, embedded (initdb + migrations): %.2f s%n", first.startToReadySeconds());
    }
    report("embedded", embedded, "(target <= 3 s)");
    try (var external = EmbeddedPostgres.builder().start()) {
      var random = new SecureRandom();
      byte[] jwtKey = new byte[48];
      byte[] encryptionKey = new byte[32];
      random.nextBytes(jwtKey);
      random.nextBytes(encryptionKey);
      Map<String, String> env = Map.of(
          "OPENLUFFY_DATA_DIR", fresh("start-external").toString(),
          "OPENLUFFY_DATABASE_URL", "jdbc:postgresql://localhost:" + external.getPort() + "/postgres",
          "OPENLUFFY_DATABASE_USER", "postgres",
          "OPENLUFFY_DATABASE_PASSWORD", "trust-authentication-ignores-it",
          "OPENLUFFY_JWT_SIGNING_KEY", Base64.getEncoder().encodeToString(jwtKey),
          "OPENLUFFY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(encryptionKey));
      try (var first = ServerProcess.start(serverFlags, env, WORK.resolve("start-external-first.log"))) {
        System.out.printf("first start, external (migrations): %.2f s%n", first.startToReadySeconds());
      }
      report("external", env, "");
    }
  }

  private void report(String database, Map<String, String> env, String target) {
    List<Double> runs = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (var server = ServerProcess.start(serverFlags, env, WORK.resolve("start-" + database + ".log"))) {
        runs.add(server.startToReadySeconds());
        cpu.add(server.cpuNanos() / 1e9);
      }
    }
    double median = median(runs);
    System.out.printf("start to ready, %s database: runs %s s, median %.2f s %s; CPU used by then (JVM + embedded"
        + " PostgreSQL) %s s%n", database, runs.stream().map(s -> String.format("%.2f", s)).toList(), median, target,
        cpu.stream().map(s -> String.format("%.2f", s)).toList());
    System.out.printf("RESULT startToReady%s=%.2f%n", database, median);
  }

  private void underLoad() throws Exception {
    Map<String, String> env = Map.of("OPENLUFFY_DATA_DIR", fresh("load-data").toString());
    try (var server = ServerProcess.start(serverFlags, env, WORK.resolve("load-server.log"))) {
      String admin = adminToken(server.baseUrl());
      for (int i = 0; i < LOGIN_USERS; i++) {
        send(server.baseUrl() + "/v1/auth/users", admin, Map.of("email", "load-" + i + "@bench.example",
            "password", PASSWORD, "role", "viewer"), 201);
      }
      authenticatedVersusHealth(server, admin);
      loginVersusHashing(server);
    }
  }

  /** Rounds alternate the two routes so that the machine's drift hits both alike; the median ratio is reported. */
  private void authenticatedVersusHealth(ServerProcess server, String token) {
    String baseUrl = server.baseUrl();
    String bearer = "Authorization: Bearer " + token;
    Wrk.run(baseUrl + "/healthz", 50, Math.max(1, seconds / 2), Map.of());
    Wrk.run(baseUrl + "/v1/auth/me", 50, Math.max(1, seconds / 2), Map.of(), bearer);
    List<Double> ratios = new ArrayList<>();
    List<Double> healthCpu = new ArrayList<>();
    List<Double> meCpu = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      long cpu0 = server.cpuNanos();
      Wrk.Result health = Wrk.run(baseUrl + "/healthz", 50, seconds, Map.of());
      long cpu1 = server.cpuNanos();
      Wrk.Result me = Wrk.run(baseUrl + "/v1/auth/me", 50, seconds, Map.of(), bearer);
      long cpu2 = server.cpuNanos();
      ratios.add(me.perSecond() / health.perSecond());
      healthCpu.add((cpu1 - cpu0) / 1e3 / health.requests());
      meCpu.add((cpu2 - cpu1) / 1e3 / me.requests());
      System.out.printf("round %d, 50 connections: GET /v1/auth/me %s, server CPU %.0f us/request | limit GET /healthz"
          + " %s, server CPU %.0f us/request | ratio %.2f%n", round, me, (cpu2 - cpu1) / 1e3 / me.requests(), health,
          (cpu1 - cpu0) / 1e3 / health.requests(), me.perSecond() / health.perSecond());
    }
    System.out.printf("RESULT meOverHealthz=%.2f (median of 3, target >= 0.5); server CPU per request: /healthz"
        + " %.0f us, /v1/auth/me %.0f us%n", median(ratios), median(healthCpu), median(meCpu));
  }

  /**
   * Logins against the limit (argon2id verifications with the server's own hasher in this JVM, the server idle
   * meanwhile). The shared machine's speed drifts from one window to the next, so each of three login windows sits
   * between two limit windows and is compared with their mean (drift that is steady over the three cancels), and
   * the median of the three ratios is reported: one disturbed window cannot move it, as it moved a mean of two.
   * CPU per operation gets the same treatment.
   */
  private void loginVersusHashing(ServerProcess server) throws InterruptedException {
    String baseUrl = server.baseUrl();
    Map<String, String> env = Map.of("LOGIN_USERS", Integer.toString(LOGIN_USERS), "LOGIN_PASSWORD", PASSWORD);
    var limit = new HashRate();
    // JIT warm-up of both sides, so the first round does not time the interpreter
    limit.measure(2, 5);
    Wrk.run(baseUrl, 2, Math.max(1, seconds / 2), env);
    for (int connections : List.of(2, 8)) {
      List<Double> ratios = new ArrayList<>();
      List<Double> cpuRatios = new ArrayList<>();
      HashRate.Result before = limit.measure(connections, seconds);
      for (int round = 1; round <= 3; round++) {
        long cpu0 = server.cpuNanos();
        Wrk.Result logins = Wrk.run(baseUrl, connections, seconds, env);
        long cpu1 = server.cpuNanos();
        HashRate.Result after = limit.measure(connections, seconds);
        double hashesPerSecond = (before.perSecond() + after.perSecond()) / 2;
        double msPerHash = (before.cpuMillisEach() + after.cpuMillisEach()) / 2;
        double msPerLogin = (cpu1 - cpu0) / 1e6 / logins.requests();
        ratios.add(logins.perSecond() / hashesPerSecond);
        cpuRatios.add(msPerHash / msPerLogin);
        System.out.printf("round %d, %d connections: POST /v1/auth/login %s, server CPU %.1f ms/login | limit argon2id"
            + " on %d threads before/after %.1f/%.1f per s, CPU %.1f/%.1f ms/hash | ratio %.2f, CPU ratio %.2f%n",
            round, connections, logins, msPerLogin, connections, before.perSecond(), after.perSecond(),
            before.cpuMillisEach(), after.cpuMillisEach(), logins.perSecond() / hashesPerSecond,
            msPerHash / msPerLogin);
        before = after;
      }
      System.out.printf("RESULT loginOverArgon2id%d=%.2f (median of 3 rounds %s, target >= 0.8); CPU per hash over CPU"
          + " per login %.2f (median of %s)%n", connections, median(ratios), rounded(ratios), median(cpuRatios),
          rounded(cpuRatios));
    }
  }

  private static List<String> rounded(List<Double> values) {
    return values.stream().map(v -> String.format("%.2f", v)).toList();
  }

  /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static String adminToken(String baseUrl) throws IOException, InterruptedException {
    var created = send(baseUrl + "/v1/auth/bootstrap/create-admin", null,
        Map.of("email", "admin@bench.example", "password", PASSWORD), 201);
    return JSON.readTree(created).path("access_token").asText();
  }

  private static String send(String url, String token, Map<String, String> body, int expected)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != expected) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** An empty directory under target/bench. */
  private static Path fresh(String name) throws IOException {
    Path dir = WORK.resolve(name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }
}
