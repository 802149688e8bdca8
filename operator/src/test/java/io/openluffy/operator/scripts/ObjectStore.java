package io.openluffy.operator.scripts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real S3-compatible server on a local port: moto's server mode (PyPI {@code moto[server]} 5.2.5, installed by
 * .ci/run into {@code ~/.cache/openluffy/moto}), which answers the S3 REST API as AWS does, path-style.
 */
final class ObjectStore implements AutoCloseable {

  static final Path SERVER = Path.of(System.getProperty("openluffy.s3.server",
      System.getProperty("user.home") + "/.cache/openluffy/moto/bin/moto_server"));
  static final String ACCESS_KEY = "openluffy-test";
  static final String SECRET_KEY = "s3-secret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

  private final Process process;
  private final int port;

  private ObjectStore(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ObjectStore start(Path logDir) throws IOException, InterruptedException {
    if (!Files.isExecutable(SERVER)) {
      throw new IllegalStateException("S3 server not found at " + SERVER + ": .ci/run installs moto[server] there, or"
          + " set -Dopenluffy.s3.server");
    }
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder(SERVER.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(logDir.resolve("s3.log").toFile()).start();
    for (int i = 0; i < 300; i++) {
      try (var probe = new Socket("127.0.0.1", port)) {
        return new ObjectStore(process, port);
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("S3 server did not listen on " + port + "; see " + logDir.resolve("s3.log"));
  }

  /** The S3 API's URL. */
  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** rclone's configuration of the remote "offsite", as the upload container gets it. */
  Map<String, String> rcloneEnv() {
    return Map.of("RCLONE_CONFIG_OFFSITE_TYPE", "s3", "RCLONE_CONFIG_OFFSITE_PROVIDER", "Other",
        "RCLONE_CONFIG_OFFSITE_ENDPOINT", endpoint(), "RCLONE_CONFIG_OFFSITE_REGION", "us-east-1",
        "RCLONE_CONFIG_OFFSITE_FORCE_PATH_STYLE", "true", "RCLONE_CONFIG_OFFSITE_ACCESS_KEY_ID", ACCESS_KEY,
        "RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY", SECRET_KEY, "HOME", "/tmp");
  }

  @Override
  public void close() {
    process.destroy();
  }
}
