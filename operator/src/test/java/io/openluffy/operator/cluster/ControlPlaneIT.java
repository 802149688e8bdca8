package io.openluffy.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: every process it starts goes when its JVM goes, even by SIGKILL. */
class ControlPlaneIT {

  @Test
  void aKilledJvmLeavesNoProcessBehind(@TempDir Path dir) throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + Binaries.BUILD_SCRIPT + "=" + System.getProperty(Binaries.BUILD_SCRIPT, "control-plane/build.sh"),
        "-cp", System.getProperty("java.class.path"), ControlPlaneMain.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    List<Long> pids;
    try (var out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("PIDS ")) {
        // start-up logging
      }
      assertThat(line).as("the child JVM started its control plane").isNotNull();
      pids = Arrays.stream(line.substring("PIDS [".length(), line.length() - 1).split(",\\s*"))
          .map(Long::parseLong).toList();
      assertThat(pids).hasSize(5).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

      jvm.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
    }
    await("etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok gone")
        .atMost(Duration.ofSeconds(60)).until(() -> pids.stream()
            .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
  }
}
