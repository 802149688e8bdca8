package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.openluffy.operator.backup.BackupReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup.sh, run with dash against a real PostgreSQL 15 holding several tables and many rows, in the ways a backup
 * volume and a database go wrong. Where a pod's volume would be full, a fake df and a pg_dump wrapper with a file-size
 * limit stand in for a small filesystem (mounting one needs privileges CI does not have): {@link #fullVolume}.
 */
class BackupScriptTest {

  static final Script BACKUP = Script.named("backup.sh");

  @RegisterExtension
  static final ScratchPostgres postgres = new ScratchPostgres();

  @TempDir
  Path dir;
  Path backups;
  Path shims;

  @BeforeAll
  static void loadData() throws Exception {
    TestData.load(postgres);
  }

  @BeforeEach
  void directories() throws IOException {
    backups = Files.createDirectories(dir.resolve("backups"));
    shims = Files.createDirectories(dir.resolve("shims"));
  }

  @Test
  void fiveRunsKeepTheNewestRetentionVerifiedDumps() throws Exception {
    for (int run = 1; run <= 5; run++) {
      var result = backup("RETENTION", "3", "HOSTNAME", "run" + run);
      assertWritten(result);
      assertThat(dumps()).as("after run " + run).hasSize(Math.min(run, 3)).first().asString()
          .endsWith("-run" + run + ".dump");
    }
    assertThat(dumps()).hasSize(3)
        .allSatisfy(name -> assertThat(name).matches("openluffy-\\d{8}T\\d{6}Z-run[345]\\.dump"));
    for (String dump : dumps()) {
      assertThat(sha256Check(dump)).as("the checksum written next to " + dump).isZero();
    }
    assertThat(everything()).as("only dumps and their checksums")
        .allMatch(n -> n.matches("openluffy-.*\\.dump(\\.sha256)?"));
  }

  /** The line the operator reads from the pod's termination message names the dump that is there, and its size. */
  @Test
  void aSuccessLeavesTheOperatorAReportOfItsDump() throws Exception {
    Path report = dir.resolve("termination-log");

    assertWritten(backup("RETENTION", "3", "HOSTNAME", "openluffy-prod-backup-29412345-x7k2p",
        "TERMINATION_LOG", report.toString()));

    String message = Files.readString(report);
    assertThat(message.lines()).as("one line: " + message).hasSize(1);
    var parsed = BackupReport.parse(message).orElseThrow(() -> new AssertionError("not a report: " + message));
    String dump = onlyDump("openluffy-prod-backup-29412345-x7k2p");
    assertThat(parsed.dump()).isEqualTo(dump);
    assertThat(parsed.sizeBytes()).isEqualTo(Files.size(backups.resolve(dump)));
    assertThat(Files.readString(backups.resolve(dump + ".sha256"))).startsWith(parsed.sha256() + "  ");
    assertThat(parsed.seconds()).isNotNegative();
  }

  @Test
  void aFailedRunLeavesNoReport() throws Exception {
    Path report = dir.resolve("termination-log");

    var result = backup("RETENTION", "3", "PGPORT", "1", "TERMINATION_LOG", report.toString());

    assertThat(result.exit()).isNotZero();
    assertThat(report).as("the kubelet then falls back to the log's \"backup failed:\" line").doesNotExist();
  }

  @Test
  void aKilledDumpLeavesNothingThatLooksLikeADumpAndTheNextRunCleansUp() throws Exception {
    assertWritten(backup("RETENTION", "3", "HOSTNAME", "before"));
    try (var lock = Lock.exclusive(postgres, "audit")) {
      Process run = BACKUP.start(env("RETENTION", "3", "HOSTNAME", "killed"), shims);
      // pg_dump has opened its output and waits for the lock: kill the whole pod, as an eviction would.
      awaitFile(name -> name.startsWith(".partial-"));
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly().waitFor();
    }
    assertThat(dumps()).containsExactly(onlyDump("before"));

    assertWritten(backup("RETENTION", "3", "HOSTNAME", "after"));
    assertThat(everything()).noneMatch(name -> name.startsWith("."));
    assertThat(dumps()).hasSize(2);
  }

  /** A second run (an on-demand backup during a scheduled one) stops at once and leaves the first one's dump alone. */
  @Test
  void aSecondRunWhileOneIsWritingStopsAndLeavesItAlone() throws Exception {
    Process first;
    try (var lock = Lock.exclusive(postgres, "audit")) {
      first = BACKUP.start(env("RETENTION", "3", "HOSTNAME", "first"), shims);
      awaitFile(name -> name.startsWith(".partial-"));

      var second = backup("RETENTION", "3", "HOSTNAME", "second", "LOCK_WAIT_TIMEOUT", "5s");

      Script.assertFailedWithOneLine(second, "another backup is running on " + backups);
      assertThat(everything()).as("the first run's partial dump").anyMatch(name -> name.startsWith(".partial-"));
    }
    assertWritten(Script.finish(first, 120));
    assertThat(dumps()).containsExactly(onlyDump("first"));
  }

  @Test
  void aTruncatedDumpIsRefused() throws Exception {
    corruptingPgDump("truncate -s $(( $(wc -c < \"$out\") / 2 )) \"$out\"");
    assertRefused(backup("RETENTION", "3"));
  }

  @Test
  void aDumpWithZeroedBytesIsRefused() throws Exception {
    // 16 zeroed bytes in the middle of the data, where a table of contents check does not look.
    corruptingPgDump("dd if=/dev/zero of=\"$out\" bs=1 count=16 seek=$(( $(wc -c < \"$out\") / 2 )) conv=notrunc"
        + " 2>/dev/null");
    assertRefused(backup("RETENTION", "3"));
  }

  @Test
  void aDumpWithOneFlippedBitIsRefused() throws Exception {
    // One bit of one byte in the middle of the data: compressed table data whose zlib check no longer matches.
    corruptingPgDump("pos=$(( $(wc -c < \"$out\") / 2 )); b=$(od -An -tu1 -j \"$pos\" -N1 \"$out\" | tr -d ' ')\n"
        + "printf \"$(printf '\\\\%03o' $(( b ^ 1 )))\" | dd of=\"$out\" bs=1 seek=\"$pos\" conv=notrunc 2>/dev/null");
    assertRefused(backup("RETENTION", "3"));
  }

  @Test
  void aLockedTableFailsTheRunInsteadOfHangingIt() throws Exception {
    try (var lock = Lock.exclusive(postgres, "audit")) {
      var result = backup("RETENTION", "3", "LOCK_WAIT_TIMEOUT", "2s");
      Script.assertFailedWithOneLine(result,
          "another session held a lock on public.audit longer than LOCK_WAIT_TIMEOUT=2s");
      assertThat(result.millis()).as("bounded by the lock wait timeout, not by the lock").isLessThan(30_000);
    }
    assertThat(dumps()).isEmpty();
  }

  @Test
  void anUnreachableDatabaseFailsQuicklyWithOneLine() throws Exception {
    var env = env("RETENTION", "3", "PGHOST", "127.0.0.1", "PGPORT", "1");
    var result = BACKUP.run(env, shims);
    Script.assertFailedWithOneLine(result, "127.0.0.1:1");
    assertThat(dumps()).isEmpty();
  }

  @Test
  void badInputIsNamed() throws Exception {
    Script.assertFailedWithOneLine(backup("RETENTION", "0"),
        "RETENTION must be a whole number of at least 1, got '0'");
    Script.assertFailedWithOneLine(BACKUP.run(Script.env(postgres.pgEnv(), "RETENTION", "3"), shims),
        "BACKUP_DIR is not set");
  }

  /**
   * A volume that holds 2.6 dumps, already holding two old dumps: each new one fits only once the oldest is gone,
   * and the newest is never given up, even when the volume shrinks below two dumps.
   */
  @Test
  void aFullVolumeCostsTheOldestDumpsNeverTheNewest() throws Exception {
    long size = oldDumps(2);
    long capacity = size * 26 / 10;
    smallVolume(capacity);

    for (int run = 1; run <= 3; run++) {
      var result = backup("RETENTION", "7", "HOSTNAME", "full" + run);
      assertWritten(result);
      assertThat(result.stdout()).contains("pruned for space");
      assertThat(dumps()).as("run " + run).hasSize(2).first().asString().endsWith("-full" + run + ".dump");
      assertThat(used()).isLessThanOrEqualTo(capacity);
    }

    smallVolume(size * 15 / 10);
    var tooSmall = backup("RETENTION", "7", "HOSTNAME", "small");
    Script.assertFailedWithOneLine(tooSmall, "not enough space in " + backups);
    assertThat(tooSmall.stderr()).contains("enlarge spec.backup.storage");
    assertThat(dumps()).as("the newest dump is kept").hasSize(1).first().asString().endsWith("-full3.dump");
    assertThat(sha256Check(dumps().get(0))).isZero();
  }

  /**
   * The database grows faster than the newest dump predicts: the dump hits the end of the volume. The run fails, and
   * the next one makes room for at least what the failed one had written, instead of failing the same way forever.
   */
  @Test
  void aDumpThatOutgrewTheVolumeMakesTheNextRunMakeRoom() throws Exception {
    long size = oldDumps(2);
    postgres.sql("CREATE TABLE growth AS SELECT * FROM audit");
    try {
      Path measure = Files.createDirectories(dir.resolve("measure"));
      assertWritten(BACKUP.run(env("RETENTION", "1", "BACKUP_DIR", measure.toString()), shims));
      long grown;
      try (Stream<Path> files = Files.list(measure)) {
        grown = files.filter(f -> f.toString().endsWith(".dump")).findFirst().orElseThrow().toFile().length();
      }
      assertThat(grown).as("the test needs a dump that outgrows the estimate").isGreaterThan(size * 5 / 4);
      long free = (size * 5 / 4 + grown) / 2;
      smallVolume(2 * size + free);

      var hitTheWall = backup("RETENTION", "7", "HOSTNAME", "grown1");
      assertThat(hitTheWall.exit()).as("the dump does not fit: " + hitTheWall.stderr()).isNotZero();
      assertThat(Script.lines(hitTheWall.stderr())).hasSize(1).first().asString()
          .contains("File size limit exceeded"); // what the stand-in gives; a full filesystem says ENOSPC
      assertThat(dumps()).hasSize(2);

      var next = backup("RETENTION", "7", "HOSTNAME", "grown2");
      assertWritten(next);
      assertThat(next.stdout()).contains("pruned for space: openluffy-20260101T020000Z-a.dump");
      assertThat(dumps()).hasSize(2).first().asString().endsWith("-grown2.dump");
    } finally {
      postgres.sql("DROP TABLE growth");
    }
  }

  /** {@code count} dumps of today's database under old names, as earlier runs would have left them; their size. */
  private long oldDumps(int count) throws IOException {
    assertWritten(backup("RETENTION", "1", "HOSTNAME", "sizing"));
    Path real = backups.resolve(onlyDump("sizing"));
    Files.delete(backups.resolve(real.getFileName() + ".sha256"));
    for (int i = 1; i <= count; i++) {
      Files.copy(real, backups.resolve("openluffy-2026010" + i + "T020000Z-" + (char) ('a' + i - 1) + ".dump"));
    }
    long size = Files.size(real);
    Files.delete(real);
    return size;
  }

  private Script.Run backup(String... pairs) {
    return BACKUP.run(env(pairs), shims);
  }

  private Map<String, String> env(String... pairs) {
    return Script.env(Script.env(postgres.pgEnv(), "BACKUP_DIR", backups.toString(), "HOSTNAME", "test"), pairs);
  }

  /** pg_dump as usual, then the dump damaged on disk before the script reads it back. */
  private void corruptingPgDump(String damage) throws IOException {
    Script.shim(shims, "pg_dump", """
        "$REAL_BIN/pg_dump" "$@" || exit
        for arg in "$@"; do case "$arg" in --file=*) out=${arg#--file=} ;; esac; done
        """ + damage + "\n");
  }

  /**
   * df reports a volume of {@code capacity} bytes holding what the backup directory holds, and pg_dump cannot write
   * beyond the space left when it starts (a file-size limit, so it stops as on a full disk).
   */
  private void smallVolume(long capacity) throws IOException {
    String used = "$(( $(cat \"$BACKUP_DIR\"/* \"$BACKUP_DIR\"/.[!.]* 2>/dev/null | wc -c) ))";
    String free = "free=$(( " + capacity + " - " + used + " )); [ $free -gt 0 ] || free=0\n";
    Script.shim(shims, "df", free + "echo 'Filesystem 1024-blocks Used Available Capacity Mounted on'\n"
        + "echo \"fake " + capacity / 1024 + " 0 $(( free / 1024 )) 0% $BACKUP_DIR\"\n");
    Script.shim(shims, "pg_dump", free + "ulimit -f $(( free / 512 ))\nexec \"$REAL_BIN/pg_dump\" \"$@\"\n");
  }

  private long used() throws IOException {
    try (Stream<Path> files = Files.list(backups)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private void assertRefused(Script.Run result) throws IOException {
    Script.assertFailedWithOneLine(result, "the new dump does not read back");
    assertThat(everything()).as("a refused dump leaves nothing named like a dump, and no partial file")
        .noneMatch(name -> name.contains(".dump"));
  }

  private static void assertWritten(Script.Run result) {
    Script.assertSucceeded(result, "backup written: openluffy-");
  }

  private int sha256Check(String dump) throws Exception {
    return new ProcessBuilder("sha256sum", "-c", "--status", dump + ".sha256").directory(backups.toFile()).start()
        .waitFor();
  }

  private String onlyDump(String host) throws IOException {
    return dumps().stream().filter(n -> n.endsWith("-" + host + ".dump")).findFirst().orElseThrow();
  }

  private List<String> dumps() throws IOException {
    return everything().stream().filter(n -> n.matches("openluffy-.*\\.dump")).sorted((a, b) -> b.compareTo(a))
        .toList();
  }

  private List<String> everything() throws IOException {
    try (Stream<Path> files = Files.list(backups)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private void awaitFile(java.util.function.Predicate<String> name) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (everything().stream().anyMatch(name)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no such file appeared in " + backups + ": " + everything());
  }
}
