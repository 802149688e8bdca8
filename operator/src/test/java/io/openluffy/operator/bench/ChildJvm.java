package io.openluffy.operator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark participant in its own JVM (same classpath, given flags). It talks back in lines starting with
 * {@link #REPLY}; everything else it prints (logs) goes to a file, so logging costs the same as in production.
 */
final class ChildJvm implements AutoCloseable {

  static final String REPLY = "BENCH ";

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private ChildJvm(Process process, Path log) throws IOException {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Writer logWriter = Files.newBufferedWriter(log);
    var reader = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)), logWriter), "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(List<String> jvmFlags, Class<?> main, Path log, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      // a benchmark stopped with Ctrl-C must not leave an operator running
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new ChildJvm(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Used by the child: one line to the driver. */
  static void reply(String line) {
    System.out.println(REPLY + line);
    System.out.flush();
  }

  /** CPU time this JVM has used so far, all threads: unlike wall time, barely touched by other load on the box. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  String ask(String command, Duration timeout) {
    commands.println(command);
    return awaitReply(timeout);
  }

  String awaitReply(Duration timeout) {
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      // a child that died answers nothing: waiting out the whole timeout would hide that for minutes
      String line = replies.poll(1, TimeUnit.SECONDS);
      while (line == null && process.isAlive() && System.nanoTime() < deadline) {
        line = replies.poll(1, TimeUnit.SECONDS);
      }
      if (line == null) {
        // its last line may still be in the pipe
        line = replies.poll(1, TimeUnit.SECONDS);
      }
      if (line == null) {
        throw new IllegalStateException("no answer from child JVM within " + timeout
            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  private void pump(BufferedReader output, Writer log) {
    try (output; log) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(REPLY)) {
          replies.add(line.substring(REPLY.length()));
        } else {
          log.write(line);
          log.write('\n');
        }
      }
    } catch (IOException e) {
      // the child is gone; awaitReply reports it
    }
  }

  @Override
  public void close() {
    commands.println("exit");
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
