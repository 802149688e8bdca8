package io.openluffy.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prometheus's promtool, from Debian's prometheus package (.ci/run installs it when missing). */
final class Promtool {

  record Result(int exitCode, String output) {
  }

  private Promtool() {
  }

  /** Runs {@code promtool args...} in {@code dir}; a missing promtool is a failure that says how to install it. */
  static Result run(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      // read to the end first: a full pipe would block promtool
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new AssertionError("promtool not found: apt-get install prometheus (Debian ships /usr/bin/promtool)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
