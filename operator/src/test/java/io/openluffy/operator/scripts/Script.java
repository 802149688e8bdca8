package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the operator's scripts, run with dash (the postgres image's /bin/sh) from the very resource file the
 * operator puts into its ConfigMap, with the environment a Job gives it. Directories in {@code shims} come first on
 * the PATH, so a test can stand in for df or wrap pg_dump.
 */
record Script(Path file) {

  static Script named(String name) {
    try {
      return new Script(Path.of(Script.class.getResource("/scripts/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a run left behind: exit code, both streams, how long it took. */
  record Run(int exit, String stdout, String stderr, long millis) {
  }

  Run run(Map<String, String> env, Path shims, String... args) {
    return finish(start(env, shims, args), 120);
  }

  Process start(Map<String, String> env, Path shims, String... args) {
    var command = new ArrayList<>(List.of("dash", file.toString()));
    command.addAll(List.of(args));
    return launch(command, env, shims);
  }

  /** Any other program, with the same clean environment (e.g. a test's own rclone calls). */
  static Run command(Map<String, String> env, List<String> command) {
    return finish(launch(command, env, Path.of("/nonexistent")), 120);
  }

  private static Process launch(List<String> command, Map<String, String> env, Path shims) {
    var builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    // Nothing of the build's environment leaks in (proxies, CA bundles, PG* of the developer's shell).
    environment.clear();
    environment.put("PATH", shims + ":" + ScratchPostgres.BIN + ":/usr/bin:/bin");
    environment.put("REAL_BIN", ScratchPostgres.BIN.toString());
    environment.putAll(env);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Run finish(Process process, int timeoutSeconds) {
    long start = System.nanoTime();
    try {
      var stdout = process.getInputStream();
      var stderr = process.getErrorStream();
      var out = new StringBuilder();
      var err = new StringBuilder();
      Thread readOut = new Thread(() -> out.append(read(stdout)));
      Thread readErr = new Thread(() -> err.append(read(stderr)));
      readOut.start();
      readErr.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("script still running after " + timeoutSeconds + " s");
      }
      readOut.join();
      readErr.join();
      return new Run(process.exitValue(), out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes());
    } catch (IOException e) {
      return "";
    }
  }

  /** Writes an executable shim (a sh script) into {@code dir}. */
  static void shim(Path dir, String name, String body) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    file.toFile().setExecutable(true);
  }

  static Map<String, String> env(Map<String, String> base, String... pairs) {
    var env = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  static void assertSucceeded(Run result, String says) {
    assertThat(result.exit()).as("exit code; stderr: " + result.stderr()).isZero();
    assertThat(result.stdout()).contains(says);
    assertNoSecret(result);
  }

  /** What the issue asks of every failure: a non-zero exit and one line on stderr that says why. */
  static void assertFailedWithOneLine(Run result, String reason) {
    assertThat(result.exit()).as("exit code").isNotZero();
    assertThat(lines(result.stderr())).as("stderr").hasSize(1).first().asString().contains(reason);
    assertNoSecret(result);
  }

  static void assertNoSecret(Run result) {
    assertThat(result.stdout() + result.stderr()).doesNotContain(ScratchPostgres.PASSWORD);
  }
}
