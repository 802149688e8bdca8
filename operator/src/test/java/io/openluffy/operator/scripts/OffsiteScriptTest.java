package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * offsite.sh with Debian's rclone against a real S3-compatible server ({@link ObjectStore}), round-tripping dumps
 * that backup.sh wrote from a real PostgreSQL 15 and restoring the downloaded one with restore.sh.
 */
class OffsiteScriptTest {

  static final Script BACKUP = Script.named("backup.sh");
  static final Script RESTORE = Script.named("restore.sh");
  static final Script OFFSITE = Script.named("offsite.sh");

  @TempDir
  static Path serverDir;
  static ScratchPostgres postgres;
  static ObjectStore store;
  static int bucket;

  @TempDir
  Path dir;
  Path backups;
  String offsite;

  @BeforeAll
  static void startServers() throws Exception {
    postgres = ScratchPostgres.start(serverDir);
    TestData.load(postgres);
    store = ObjectStore.start(serverDir);
  }

  @AfterAll
  static void stopServers() throws Exception {
    store.close();
    postgres.close();
  }

  @BeforeEach
  void freshBucket() throws IOException {
    backups = Files.createDirectories(dir.resolve("backups"));
    offsite = "bucket" + ++bucket + "/prod";
    assertThat(rclone("mkdir", "offsite:bucket" + bucket).exit()).isZero();
  }

  @Test
  void copiesOffSiteKeepRetentionAndADownloadedDumpRestoresRowForRow() throws Exception {
    String atNewest = null;
    for (int run = 1; run <= 4; run++) {
      postgres.sql("DELETE FROM audit WHERE id = " + run);
      atNewest = TestData.checksums(postgres);
      Script.assertSucceeded(BACKUP.run(env("RETENTION", "7", "HOSTNAME", "run" + run), backups), "backup written");
      var upload = offsite("upload");
      Script.assertSucceeded(upload, "uploaded: openluffy-");
      assertThat(upload.stdout()).contains("-run" + run + ".dump to " + offsite);
    }
    assertThat(remote()).hasSize(4).allSatisfy(name -> assertThat(name).matches(".*-run[34]\\.dump(\\.sha256)?"));

    // The volume is lost; the data changes after the last dump.
    Path fresh = Files.createDirectories(dir.resolve("restored"));
    postgres.sql("DELETE FROM customers; UPDATE users SET role = 'admin'");
    var download = OFFSITE.run(env("BACKUP_DIR", fresh.toString()), fresh, "download", "latest");
    Script.assertSucceeded(download, "-run4.dump from " + offsite);
    Script.assertSucceeded(RESTORE.run(env("BACKUP_DIR", fresh.toString(), "DUMP", "latest"), fresh), "restored:");
    assertThat(TestData.checksums(postgres)).isEqualTo(atNewest);
  }

  @Test
  void aDumpWhoseChecksumNeverArrivedIsNotLatest() throws Exception {
    Script.assertSucceeded(BACKUP.run(env("RETENTION", "7", "HOSTNAME", "whole"), backups), "backup written");
    Script.assertSucceeded(offsite("upload"), "uploaded");
    // An upload interrupted between the dump and its checksum.
    Path half = Files.writeString(dir.resolve("openluffy-29991231T000000Z-half.dump"), "not all of it");
    assertThat(rclone("copyto", half.toString(), "offsite:" + offsite + "/" + half.getFileName()).exit()).isZero();

    Path fresh = Files.createDirectories(dir.resolve("restored"));
    var download = OFFSITE.run(env("BACKUP_DIR", fresh.toString()), fresh, "download", "latest");
    Script.assertSucceeded(download, "-whole.dump from");
  }

  @Test
  void aDumpThatNoLongerMatchesItsChecksumIsNotUploaded() throws Exception {
    Script.assertSucceeded(BACKUP.run(env("RETENTION", "7", "HOSTNAME", "flipped"), backups), "backup written");
    Path dump;
    try (Stream<Path> files = Files.list(backups)) {
      dump = files.filter(f -> f.toString().endsWith(".dump")).findFirst().orElseThrow();
    }
    try (var file = new RandomAccessFile(dump.toFile(), "rw")) {
      file.seek(file.length() / 3);
      file.write(0);
    }
    Script.assertFailedWithOneLine(offsite("upload"), "does not match its checksum; not uploaded");
    assertThat(remote()).isEmpty();
  }

  @Test
  void anUnreachableStoreFailsWithOneLineAndNoSecret() throws Exception {
    Script.assertSucceeded(BACKUP.run(env("RETENTION", "7"), backups), "backup written");
    var unreachable = new HashMap<>(env());
    unreachable.put("RCLONE_CONFIG_OFFSITE_ENDPOINT", "http://127.0.0.1:1");
    // One attempt: rclone's default retries with backoff would take minutes to give up.
    unreachable.put("RCLONE_RETRIES", "1");
    unreachable.put("RCLONE_LOW_LEVEL_RETRIES", "1");
    var result = OFFSITE.run(unreachable, backups, "upload");
    Script.assertFailedWithOneLine(result, "offsite failed: rclone copyto (endpoint http://127.0.0.1:1): ");
    assertThat(result.stdout() + result.stderr()).doesNotContain(ObjectStore.SECRET_KEY);
  }

  @Test
  void badInputIsNamed() throws Exception {
    Script.assertFailedWithOneLine(offsite("upload"), "no dump in " + backups + " to upload");
    Script.assertFailedWithOneLine(OFFSITE.run(env(), backups, "download", "../x.dump"), "not a dump's file name");
    Script.assertFailedWithOneLine(OFFSITE.run(env(), backups, "sync"), "usage: offsite.sh upload");
    var noTarget = new HashMap<>(env());
    noTarget.remove("OFFSITE");
    Script.assertFailedWithOneLine(OFFSITE.run(noTarget, backups, "upload"), "OFFSITE is not set");
  }

  private Script.Run offsite(String command) {
    return OFFSITE.run(env(), backups, command);
  }

  private Map<String, String> env(String... pairs) {
    var env = new HashMap<>(Script.env(postgres.pgEnv(), "BACKUP_DIR", backups.toString(), "OFFSITE", offsite,
        "RETENTION", "2"));
    env.putAll(store.rcloneEnv());
    return Script.env(env, pairs);
  }

  private List<String> remote() {
    var listing = rclone("lsf", "--files-only", "offsite:" + offsite);
    return Script.lines(listing.stdout());
  }

  private Script.Run rclone(String... args) {
    var command = new ArrayList<>(List.of("rclone", "--config", "/dev/null"));
    command.addAll(List.of(args));
    return Script.command(env(), command);
  }
}
