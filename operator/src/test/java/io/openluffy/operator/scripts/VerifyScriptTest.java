package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.openluffy.operator.backup.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify.sh, run with dash against a real PostgreSQL 15, verifying dumps that backup.sh wrote. */
class VerifyScriptTest {

  static final Script BACKUP = Script.named("backup.sh");
  static final Script VERIFY = Script.named("verify.sh");

  @TempDir
  static Path serverDir;
  static ScratchPostgres postgres;

  @TempDir
  Path backups;
  @TempDir
  Path shims;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = ScratchPostgres.start(serverDir);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

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

    var result = VERIFY.run(env(), shims);

    Script.assertFailedWithOneLine(result, dump("lossy") + " restored, but not every row read back: public.audit:"
        + " 150000 rows in the dump, 149999 restored");
    assertThat(scratchDatabases()).isZero();
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
