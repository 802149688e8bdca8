package io.openluffy.api.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs wrk (Debian package {@code wrk}) with {@code bench/wrk.lua}, which reports one parseable line. */
final class Wrk {

  /** What one wrk run measured. */
  record Result(long requests, double seconds, long non2xx, long socketErrors, long p50Micros, long p99Micros) {
    double perSecond() {
      return requests / seconds;
    }

    @Override
    public String toString() {
      return String.format("%.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, socket errors %d", perSecond(),
          p50Micros / 1000.0, p99Micros / 1000.0, non2xx, socketErrors);
    }
  }

  private Wrk() {
  }

  /** Installs wrk from the distribution's packages when it is missing (the benchmark machines run Debian). */
  static void ensureInstalled() throws InterruptedException {
    try {
      new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start().waitFor();
      return;
    } catch (IOException notOnPath) {
      System.out.println("wrk not found: apt-get install -y wrk");
    }
    try {
      if (new ProcessBuilder("apt-get", "install", "-y", "wrk").inheritIO().start().waitFor() == 0) {
        return;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException("wrk is required: install the Debian package wrk (apt-get install -y wrk)");
  }

  static Result run(String url, int connections, int seconds, Map<String, String> env, String... headers) {
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
        // a login waits its turn behind argon2id hashes: wrk's default 2 s timeout would count it as an error
        "--timeout", "30s", "--latency", "-s", script().toString()));
    for (String header : headers) {
      command.add("-H");
      command.add(header);
    }
    command.add(url);
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process wrk = builder.start();
      String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      wrk.waitFor();
      String line = output.lines().filter(l -> l.startsWith("WRK ")).findFirst()
          .orElseThrow(() -> new IllegalStateException("wrk failed: " + output));
      return new Result(field(line, "requests"), field(line, "durationMicros") / 1e6, field(line, "non2xx"),
          field(line, "socketErrors"), field(line, "p50Micros"), field(line, "p99Micros"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long field(String line, String name) {
    return Long.parseLong(line.replaceAll(".*\\b" + name + "=(\\d+).*", "$1"));
  }

  private static Path script() {
    try {
      return Path.of(Wrk.class.getResource("/bench/wrk.lua").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
