package io.openluffy.api.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The API server as users run it: {@code java -jar openluffy-api-server.jar}, configured by environment. */
final class ServerProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "openluffy-api-server.jar");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Process process;
  private final int port;
  /** Nanoseconds from launching the process to the first 200 from /readyz. */
  private final long startToReadyNanos;

  private ServerProcess(Process process, int port, long startToReadyNanos) {
    this.process = process;
    this.port = port;
    this.startToReadyNanos = startToReadyNanos;
  }

  /** Launches the server and returns once /readyz answers 200. */
  static ServerProcess start(List<String> jvmFlags, Map<String, String> env, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(JAR.toString());
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("OPENLUFFY_PORT", Integer.toString(port));
    try {
      Files.createDirectories(log.getParent());
      long start = System.nanoTime();
      Process process = builder.start();
      awaitReady(process, port);
      return new ServerProcess(process, port, System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitReady(Process process, int port) {
    var readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("API server exited with " + process.exitValue() + " before it was ready");
      }
      try {
        if (HTTP.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("API server not ready within 2 minutes");
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  double startToReadySeconds() {
    return startToReadyNanos / 1e9;
  }

  /** CPU time used so far by the server and its children (the embedded PostgreSQL and its backends). */
  long cpuNanos() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }

  /** SIGTERM, so the shutdown hook stops the embedded PostgreSQL cleanly for the next start on the same data. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
