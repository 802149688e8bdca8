package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.CredentialsSecretRef;
import io.openluffy.operator.crd.ObjectStoreSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.testing.PodEnv;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * offsite.sh with Debian's rclone against a real S3-compatible server ({@link ObjectStore}), round-tripping dumps
 * that backup.sh wrote from a real PostgreSQL 15 and restoring the downloaded one with restore.sh.
 */
class OffsiteScriptTest {

  static final Script BACKUP = Script.named("backup.sh");
  static final Script RESTORE = Script.named("restore.sh");
  static final Script OFFSITE = Script.named("offsite.sh");

  @RegisterExtension
  static final ScratchPostgres postgres = new ScratchPostgres();
  @TempDir
  static Path serverDir;
  static ObjectStore store;
  static int bucket;

  @TempDir
  Path dir;
  Path backups;
  String offsite;

  @BeforeAll
  static void startServers() throws Exception {
    TestData.load(postgres);
    store = ObjectStore.start(serverDir);
  }

  @AfterAll
  static void stopServers() throws Exception {
    store.close();
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

  /**
   * The containers as the operator writes them (dependent.BackupJob, for an instance whose spec.backup.objectStore is
   * this server): the upload container's command and environment copy backup.sh's dump off-site, and the restore
   * pod's download and restore containers bring it back into the database. Filled in as the kubelet would: the
   * Secrets' values, and BACKUP_DIR (a directory here, the volume at /backups in the pod); the restore container's
   * database address and credentials are the scratch server's.
   */
  @Test
  void theOperatorsContainersUploadTheDumpAndRestoreItFromTheStore() throws Exception {
    var instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName("prod").build());
    instance.setSpec(new OpenLuffyInstanceSpec());
    var objectStore = new ObjectStoreSpec();
    objectStore.setEndpoint(store.endpoint());
    objectStore.setBucket(offsite.substring(0, offsite.indexOf('/')));
    objectStore.setPrefix("prod/");
    objectStore.setRegion("us-east-1");
    objectStore.setPathStyle(true);
    objectStore.setCredentialsSecretRef(new CredentialsSecretRef());
    objectStore.getCredentialsSecretRef().setName("offsite-s3");
    instance.getSpec().setBackup(new BackupSpec());
    instance.getSpec().getBackup().setObjectStore(objectStore);
    instance.getSpec().getBackup().setRetention(2);
    var secrets = Map.of("secret:offsite-s3/" + CredentialsSecretRef.ACCESS_KEY_ID, ObjectStore.ACCESS_KEY,
        "secret:offsite-s3/" + CredentialsSecretRef.SECRET_ACCESS_KEY, ObjectStore.SECRET_KEY);

    Container upload = BackupJob.spec(instance, Map.of()).getTemplate().getSpec().getContainers().get(0);
    String atNewest = null;
    for (int run = 1; run <= 3; run++) {
      postgres.sql("DELETE FROM audit WHERE id = " + run);
      atNewest = TestData.checksums(postgres);
      Script.assertSucceeded(BACKUP.run(env("RETENTION", "7", "HOSTNAME", "pod" + run), backups), "backup written");
      Script.assertSucceeded(run(upload, backups, secrets), "-pod" + run + ".dump to " + offsite);
    }
    assertThat(remote()).as("retention 2 off-site").hasSize(4)
        .allSatisfy(name -> assertThat(name).matches(".*-pod[23]\\.dump(\\.sha256)?"));

    // The volume is lost; the data changes after the last dump.
    postgres.sql("DELETE FROM customers; UPDATE users SET role = 'admin'");
    var pod = BackupJob.restoreSpec(instance, Map.of(), "latest", true).getTemplate().getSpec();
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    Script.assertSucceeded(run(pod.getInitContainers().get(0), scratch, secrets), "-pod3.dump from " + offsite);
    Script.assertSucceeded(run(pod.getContainers().get(0), scratch, postgres.pgEnv()), "restored:");
    assertThat(TestData.checksums(postgres)).isEqualTo(atNewest);
  }

  /**
   * The rclone image is Alpine's: its /bin/sh and every tool offsite.sh calls but rclone are busybox's. Here too,
   * with nothing but Debian's busybox applets and rclone on the PATH: upload, a failure's one line, download, and
   * restore.sh (dash, as in the postgres image) of what came back.
   */
  @Test
  void withBusyboxsShellAndToolsAsInTheRcloneImageTheDumpGoesAndComesBack() throws Exception {
    Path bin = busybox();
    postgres.sql("DELETE FROM audit WHERE id = 9");
    String atDump = TestData.checksums(postgres);
    Script.assertSucceeded(BACKUP.run(env("RETENTION", "7", "HOSTNAME", "busybox"), backups), "backup written");

    var upload = Script.command(env("PATH", bin.toString()), List.of(bin.resolve("sh").toString(),
        OFFSITE.file().toString(), "upload"));
    Script.assertSucceeded(upload, "-busybox.dump to " + offsite);
    var unreachable = Script.command(env("PATH", bin.toString(), "RCLONE_CONFIG_OFFSITE_ENDPOINT",
        "http://127.0.0.1:1", "RCLONE_RETRIES", "1", "RCLONE_LOW_LEVEL_RETRIES", "1"),
        List.of(bin.resolve("sh").toString(), OFFSITE.file().toString(), "upload"));
    Script.assertFailedWithOneLine(unreachable, "offsite failed: rclone copyto (endpoint http://127.0.0.1:1): ");
    assertThat(unreachable.stderr()).doesNotContain(ObjectStore.SECRET_KEY);

    postgres.sql("DELETE FROM customers");
    Path fresh = Files.createDirectories(dir.resolve("restored"));
    var download = Script.command(env("PATH", bin.toString(), "BACKUP_DIR", fresh.toString()),
        List.of(bin.resolve("sh").toString(), OFFSITE.file().toString(), "download", "latest"));
    Script.assertSucceeded(download, "-busybox.dump from " + offsite);
    Script.assertSucceeded(RESTORE.run(env("BACKUP_DIR", fresh.toString(), "DUMP", "latest"), fresh), "restored:");
    assertThat(TestData.checksums(postgres)).isEqualTo(atDump);
  }

  /** A directory of busybox's applets (sh, grep, sed, sort, sha256sum, ...) and rclone: the image's PATH. */
  private Path busybox() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("busybox-bin"));
    Path busybox = Path.of("/usr/bin/busybox");
    for (String applet : Script.lines(Script.command(Map.of(), List.of(busybox.toString(), "--list")).stdout())) {
      Files.createSymbolicLink(bin.resolve(applet), busybox);
    }
    Files.createSymbolicLink(bin.resolve("rclone"), Path.of("/usr/bin/rclone"));
    return bin;
  }

  /** A container's command (sh /scripts/NAME ARGS) run from the resource files, its environment filled in. */
  private static Script.Run run(Container container, Path backupDir, Map<String, String> filledIn) {
    var env = new HashMap<>(PodEnv.of(container.getEnv()));
    // by name (a variable replaced), else by value (a Secret's value for its "secret:<name>/<key>")
    env.replaceAll((name, value) -> filledIn.getOrDefault(name, filledIn.getOrDefault(value, value)));
    env.put("BACKUP_DIR", backupDir.toString());
    List<String> command = container.getCommand();
    assertThat(command.subList(0, 1)).containsExactly("sh");
    String script = command.get(1).substring("/scripts/".length());
    return Script.named(script).run(env, backupDir, command.subList(2, command.size()).toArray(String[]::new));
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
