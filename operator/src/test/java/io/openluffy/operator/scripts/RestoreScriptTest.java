package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.openluffy.operator.backup.BackupReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** restore.sh, run with dash against a real PostgreSQL 15, restoring dumps that backup.sh wrote. */
class RestoreScriptTest {

  static final Script BACKUP = Script.named("backup.sh");
  static final Script RESTORE = Script.named("restore.sh");

  @RegisterExtension
  static final ScratchPostgres postgres = new ScratchPostgres();

  @TempDir
  Path backups;

  @BeforeEach
  void freshData() throws Exception {
    postgres.sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    TestData.load(postgres);
  }

  @Test
  void latestRestoresEveryTableRowForRow() throws Exception {
    backup("older");
    postgres.sql("DELETE FROM audit WHERE id > 100000");
    String atDump = TestData.checksums(postgres);
    backup("newer");
    // What happens after the dump: rows changed and deleted, a table a later migration added.
    postgres.sql("UPDATE users SET role = 'admin'; DELETE FROM audit WHERE id % 3 = 0; CREATE TABLE later (id int)");

    var result = restore("latest");

    Script.assertSucceeded(result, "restored: " + dump("newer") + " into openluffy");
    assertThat(TestData.checksums(postgres)).isEqualTo(atDump);
    assertThat(postgres.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'later'")).isEqualTo("0");
  }

  /** The operator shows which dump latest was: restore.sh's termination message, in backup.sh's report shape. */
  @Test
  void aRestoreLeavesTheOperatorAReportNamingTheDumpLatestResolvedTo() throws Exception {
    backup("older");
    backup("newer");
    Path report = backups.resolve("termination-log");

    Script.assertSucceeded(RESTORE.run(env("BACKUP_DIR", backups.toString(), "DUMP", "latest", "TERMINATION_LOG",
        report.toString()), backups), "restored: " + dump("newer"));

    String message = Files.readString(report);
    assertThat(message.lines()).as("one line: " + message).hasSize(1);
    var parsed = BackupReport.parse(message).orElseThrow(() -> new AssertionError("not a report: " + message));
    assertThat(parsed.dump()).isEqualTo(dump("newer"));
    assertThat(parsed.sizeBytes()).isEqualTo(Files.size(backups.resolve(dump("newer"))));
    assertThat(Files.readString(backups.resolve(dump("newer") + ".sha256"))).startsWith(parsed.sha256() + "  ");
    assertThat(parsed.seconds()).isNotNegative();
  }

  @Test
  void aDumpIsRestoredByName() throws Exception {
    String atDump = TestData.checksums(postgres);
    backup("older");
    postgres.sql("DELETE FROM customers WHERE id > 10");
    backup("newer");

    Script.assertSucceeded(restore(dump("older")), "restored: " + dump("older"));
    assertThat(TestData.checksums(postgres)).isEqualTo(atDump);
  }

  /**
   * The dump grants a role that no longer exists: every table and row is loaded before the grants fail, at the very
   * end. The single transaction must take all of it back, including the schema dropped first.
   */
  @Test
  void aRestoreThatFailsHalfwayLeavesTheDatabaseAsItWas() throws Exception {
    postgres.sql("CREATE ROLE reporter; GRANT SELECT ON audit TO reporter");
    backup("granted");
    postgres.sql("REVOKE SELECT ON audit FROM reporter; DROP ROLE reporter; DELETE FROM audit WHERE id % 2 = 0");
    String before = TestData.checksums(postgres);

    Path report = backups.resolve("termination-log");
    var result = RESTORE.run(env("BACKUP_DIR", backups.toString(), "DUMP", "latest", "TERMINATION_LOG",
        report.toString()), backups);

    Script.assertFailedWithOneLine(result, "role \"reporter\" does not exist");
    assertThat(result.stderr()).contains("(nothing was changed)");
    assertThat(TestData.checksums(postgres)).isEqualTo(before);
    assertThat(report).as("the kubelet then falls back to the log's \"restore failed:\" line").doesNotExist();
  }

  @Test
  void aDumpChangedSinceItWasWrittenIsRefusedBeforeAnythingChanges() throws Exception {
    backup("flipped");
    postgres.sql("UPDATE users SET role = 'admin'");
    String before = TestData.checksums(postgres);
    try (var file = new RandomAccessFile(backups.resolve(dump("flipped")).toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 0x01);
    }

    Script.assertFailedWithOneLine(restore("latest"), dump("flipped") + " does not match its checksum");
    assertThat(TestData.checksums(postgres)).isEqualTo(before);
  }

  @Test
  void aTruncatedDumpWithoutChecksumIsRefusedBeforeAnythingChanges() throws Exception {
    backup("cut");
    String name = dump("cut");
    // Dumps of the earlier script have no checksum file: reading the whole archive is what catches them.
    Files.delete(backups.resolve(name + ".sha256"));
    Path file = backups.resolve(name);
    try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 10);
    }
    String before = TestData.checksums(postgres);

    Script.assertFailedWithOneLine(restore(name), name + " does not read");
    assertThat(TestData.checksums(postgres)).isEqualTo(before);
  }

  @Test
  void badInputIsNamed() throws Exception {
    Script.assertFailedWithOneLine(restore("latest"), "no dump in " + backups);
    Script.assertFailedWithOneLine(restore("../../etc/passwd"), "DUMP must be a dump's file name");
    Script.assertFailedWithOneLine(restore("openluffy-x/../y.dump"), "not a path");
    Script.assertFailedWithOneLine(restore("openluffy-20260101T000000Z-gone.dump"),
        "no dump named openluffy-20260101T000000Z-gone.dump in " + backups);
    Script.assertFailedWithOneLine(RESTORE.run(env("BACKUP_DIR", backups.toString()), backups), "DUMP is not set");
  }

  private void backup(String host) {
    Script.assertSucceeded(BACKUP.run(env("BACKUP_DIR", backups.toString(), "RETENTION", "5", "HOSTNAME", host),
        backups), "backup written");
  }

  private Script.Run restore(String dump) {
    return RESTORE.run(env("BACKUP_DIR", backups.toString(), "DUMP", dump), backups);
  }

  private String dump(String host) throws IOException {
    try (Stream<Path> files = Files.list(backups)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("-" + host + ".dump")).findFirst()
          .orElseThrow();
    }
  }

  private Map<String, String> env(String... pairs) {
    return Script.env(postgres.pgEnv(), pairs);
  }
}
