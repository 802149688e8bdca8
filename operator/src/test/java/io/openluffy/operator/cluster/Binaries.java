package io.openluffy.operator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The control-plane binaries: {@code operator/control-plane/build.sh} builds them once into a cache outside the
 * repository and prints their directory; later calls only print it. Maven runs the script before the *IT tier
 * (its output is then visible in the build log); this call finds the cached result.
 */
final class Binaries {

  static final String BUILD_SCRIPT = "openluffy.controlPlane.build";

  private Binaries() {
  }

  static synchronized Path directory() throws IOException, InterruptedException {
    Path script = Path.of(System.getProperty(BUILD_SCRIPT, "control-plane/build.sh")).toAbsolutePath();
    if (!Files.isRegularFile(script)) {
      throw new IOException("control-plane build script not found: " + script + " (set -D" + BUILD_SCRIPT + ")");
    }
    Process process = new ProcessBuilder("bash", script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (process.waitFor() != 0) {
      throw new IOException(script + " failed (exit " + process.exitValue() + ")");
    }
    List<String> lines = out.lines().toList();
    return Path.of(lines.get(lines.size() - 1));
  }
}
