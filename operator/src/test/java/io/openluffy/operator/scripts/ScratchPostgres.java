package io.openluffy.operator.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL 15 server from Debian's postgresql-15 (the version whose pg_dump, pg_restore and psql the
 * scripts are tested with; pg_dump refuses servers newer than itself, so zonky's 16 cannot stand in). It listens on
 * 127.0.0.1 with password authentication, so the scripts reach it exactly as in a pod: through the PG* variables.
 * PostgreSQL refuses to run as root; as root (CI containers) the server runs as the postgres user. A JUnit extension:
 * registered on a static field one server serves the test class, on an instance field each test gets its own.
 */
final class ScratchPostgres implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  static final Path BIN = Path.of(System.getProperty("openluffy.postgres.bin", "/usr/lib/postgresql/15/bin"));
  static final String USER = "openluffy";
  static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
  static final String DATABASE = "openluffy";

  private Path dir;
  private int port;
  private boolean perClass;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
    perClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
    stop();
  }

  private void start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BIN.resolve("postgres"))) {
      throw new IllegalStateException("PostgreSQL 15 server not found in " + BIN
          + ": apt-get install -y postgresql-15 (.ci/run does), or set -Dopenluffy.postgres.bin");
    }
    dir = Files.createTempDirectory("scratch-postgres");
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, PASSWORD + "\n");
    if (isRoot()) {
      exec(List.of("chown", "-R", "postgres", dir.toString()));
    }
    asServerUser(List.of(BIN.resolve("initdb").toString(), "-D", dataDir().toString(), "-U", USER,
        "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"));
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-l",
        dir.resolve("log").toString(), "-w", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    sql("postgres", "CREATE DATABASE " + DATABASE);
  }

  private void stop() throws IOException, InterruptedException {
    asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-m", "immediate", "stop"));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  int port() {
    return port;
  }

  /** What the server logged so far (statements too, once log_statement is set). */
  String serverLog() throws IOException {
    return Files.readString(dir.resolve("log"));
  }

  /** The libpq variables a backup or restore pod gets. */
  Map<String, String> pgEnv() {
    return Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGUSER", USER, "PGPASSWORD", PASSWORD,
        "PGDATABASE", DATABASE);
  }

  String sql(String statements) throws IOException, InterruptedException {
    return sql(DATABASE, statements);
  }

  /** Runs statements with psql (stop at the first error) and returns the rows, unaligned, without headers. */
  String sql(String database, String statements) throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of(BIN.resolve("psql").toString(), "--no-psqlrc", "-X", "-q", "-t", "-A",
        "-v", "ON_ERROR_STOP=1", "-d", database, "-c", statements));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(pgEnv());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + out);
    }
    return out.strip();
  }

  /** A psql session the test keeps open (e.g. holding a lock) until it closes its input. */
  Process session() throws IOException {
    var builder = new ProcessBuilder(BIN.resolve("psql").toString(), "--no-psqlrc", "-X", "-q", "-v",
        "ON_ERROR_STOP=1").redirectErrorStream(true);
    builder.environment().putAll(pgEnv());
    return builder.start();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void asServerUser(List<String> command) throws IOException, InterruptedException {
    var full = new ArrayList<String>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    exec(full);
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed: " + out));
    }
  }
}
