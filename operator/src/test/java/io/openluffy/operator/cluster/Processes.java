package io.openluffy.operator.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's processes, each logging to {@code <dir>/<name>.log}. They are stopped by PID, newest first, on
 * {@link #close()}, by a JVM shutdown hook (a failed or interrupted test run), and by a watchdog shell when the JVM is
 * killed outright ({@code kill -9} runs no hook): the watchdog polls the JVM's PID and then kills every PID listed in
 * {@code <dir>/pids}, so no run leaves orphans.
 */
final class Processes implements AutoCloseable {

  private static final String WATCHDOG = """
      jvm=$1; pids=$2
      while kill -0 "$jvm" 2>/dev/null; do sleep 1; done
      for pid in $(cat "$pids"); do kill -TERM "$pid" 2>/dev/null; done
      sleep 5
      for pid in $(cat "$pids"); do kill -KILL "$pid" 2>/dev/null; done
      """;

  private final Path dir;
  private final Path pidFile;
  private final List<Process> started = new ArrayList<>();
  private final Process watchdog;
  private final Thread hook = new Thread(this::stopAll, "control-plane-shutdown");

  Processes(Path dir) throws IOException {
    this.dir = dir;
    this.pidFile = dir.resolve("pids");
    Files.writeString(pidFile, "");
    watchdog = new ProcessBuilder("bash", "-c", WATCHDOG, "watchdog", Long.toString(ProcessHandle.current().pid()),
        pidFile.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized Process start(String name, List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    started.add(process);
    Files.writeString(pidFile, process.pid() + "\n", StandardOpenOption.APPEND);
    return process;
  }

  /** PIDs of every process started and still alive (the test that checks for orphans uses them). */
  synchronized List<Long> alivePids() {
    return started.stream().filter(Process::isAlive).map(Process::pid).toList();
  }

  private synchronized void stopAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      Process process = started.get(i);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    started.clear();
    watchdog.destroy();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs stopAll() again, which finds nothing left
    }
  }
}
