package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openluffy.operator.backup.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** verify.sh, run with dash against a real PostgreSQL 15, verifying dumps that backup.sh wrote. */
class VerifyScriptTest {

  static final Script BACKUP = Script.named("backup.sh");
  static final Script VERIFY = Script.named("verify.sh");

  @RegisterExtension
  static final ScratchPostgres postgres = new ScratchPostgres();

  @TempDir
  Path backups;
  @TempDir
  Path shims;

  @BeforeEach
  void freshData() throws Exception {
    postgres.sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    TestData.load(postgres);
  }

  @Test
  void theNewestDumpVerifiesAndTheRealDatabaseIsUntouched() throws Exception {
    backup("older");
    postgres.sql("DELETE FROM audit WHERE id > 100000");
    backup("newer");
    postgres.sql("UPDATE users SET role = 'admin'; DELETE FROM customers WHERE id > 10; CREATE TABLE later (id int)");
    String before = TestData.checksums(postgres);
    Path report = backups.resolve("termination-log");

    var result = VERIFY.run(env("TERMINATION_LOG", report.toString()), shims);

    Script.assertSucceeded(result, "verified: " + dump("newer") + " restores, 3 tables and 122000 rows read back");
    assertThat(VerificationReport.parse(Files.readString(report)))
        .contains(new VerificationReport(dump("newer"), 3, 122_000, VerificationReport.parse(Files.readString(report))
            .orElseThrow().seconds()));
    assertThat(scratchDatabases()).isZero();
    assertThat(TestData.checksums(postgres)).isEqualTo(before);
    assertThat(postgres.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'later'")).isEqualTo("1");
  }

  /** The dump grants a role that no longer exists: restore.sh fails at the end and the scratch database goes. */
  @Test
  void aDumpWhoseRestoreFailsIsReportedAndTheScratchDatabaseIsGone() throws Exception {
    postgres.sql("CREATE ROLE reporter; GRANT SELECT ON audit TO reporter");
    backup("granted");
    postgres.sql("REVOKE SELECT ON audit FROM reporter; DROP ROLE reporter; DELETE FROM audit WHERE id % 2 = 0");
    String before = TestData.checksums(postgres);

    var result = VERIFY.run(env(), shims);

    Script.assertFailedWithOneLine(result, "verify failed: " + dump("granted")
        + " does not restore into the scratch database openluffy_verify_");
    assertThat(result.stderr()).contains("role \"reporter\" does not exist");
    assertThat(scratchDatabases()).isZero();
    assertThat(TestData.checksums(postgres)).isEqualTo(before);
  }

  /** A restore that loses a row without an error (played by a pg_restore that drops one COPY line) is caught. */
  @Test
  void aRestoreThatLosesRowsIsCaughtByTheCounts() throws Exception {
    backup("lossy");
    Script.shim(shims, "pg_restore", """
        if [ "$1" = "--file=-" ]; then "$REAL_BIN/pg_restore" "$@" | grep -v '^77	2026-'; else exec "$REAL_BIN/pg_restore" "$@"; fi
        """);

    Path report = backups.resolve("termination-log");

    var result = VERIFY.run(env("TERMINATION_LOG", report.toString()), shims);

    Script.assertFailedWithOneLine(result, dump("lossy") + " restored, but not every row read back: public.audit:"
        + " 150000 rows in the dump, 149999 restored");
    assertThat(scratchDatabases()).isZero();
    assertThat(report).as("restore.sh's report of its own success would stand as this failed run's termination"
        + " message; the kubelet must fall back to the \"verify failed:\" line").doesNotExist();
  }

  /**
   * Retention 1: a backup that finishes while a verification reads the newest dump would prune that very dump. It
   * keeps it (the verification's lock), the verification passes, and the next backup prunes it.
   */
  @Test
  void aBackupFinishingDuringAVerificationKeepsTheDumpItReads(@TempDir Path noShims) throws Exception {
    backup("first");
    String verified = dump("first");
    Path reading = shims.resolve("reading");
    Path resume = shims.resolve("resume");
    // restore.sh's first read of the archive waits until the test lets it go on
    Script.shim(shims, "pg_restore", """
        touch '%s'; while [ ! -e '%s' ]; do sleep 0.1; done; exec "$REAL_BIN/pg_restore" "$@"
        """.formatted(reading, resume));
    Process verification = VERIFY.start(env(), shims);
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(reading));

    var backup = BACKUP.run(env("RETENTION", "1", "HOSTNAME", "second"), noShims);

    Script.assertSucceeded(backup, "kept: " + verified + " (a verification is reading it");
    assertThat(backups.resolve(verified)).exists();
    Files.createFile(resume);
    Script.assertSucceeded(Script.finish(verification, 120), "verified: " + verified + " restores, 3 tables");
    assertThat(scratchDatabases()).isZero();
    Script.assertSucceeded(BACKUP.run(env("RETENTION", "1", "HOSTNAME", "third"), noShims), "pruned: " + verified);
    try (Stream<Path> files = Files.list(backups)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".dump")))
          .containsExactly(dump("third"));
    }
  }

  @Test
  void badInputIsNamed() throws Exception {
    Script.assertFailedWithOneLine(VERIFY.run(env(), shims), "no dump in " + backups + " to verify");
    Script.assertFailedWithOneLine(VERIFY.run(Map.of("BACKUP_DIR", backups.toString()), shims),
        "PGDATABASE is not set");
    Script.assertFailedWithOneLine(VERIFY.run(env("BACKUP_DIR", "/nonexistent"), shims),
        "cannot enter BACKUP_DIR /nonexistent");
  }

  private int scratchDatabases() throws Exception {
    return Integer.parseInt(postgres.sql("SELECT count(*) FROM pg_database WHERE datname LIKE 'openluffy_verify_%'"));
  }

  private void backup(String host) {
    Script.assertSucceeded(BACKUP.run(env("RETENTION", "5", "HOSTNAME", host), shims), "backup written");
  }

  private String dump(String host) throws IOException {
    try (Stream<Path> files = Files.list(backups)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("-" + host + ".dump")).findFirst()
          .orElseThrow();
    }
  }

  private Map<String, String> env(String... pairs) {
    return Script.env(Script.env(postgres.pgEnv(), "BACKUP_DIR", backups.toString()), pairs);
  }
}
