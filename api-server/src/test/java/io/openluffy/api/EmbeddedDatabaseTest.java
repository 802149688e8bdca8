package io.openluffy.api;

import com.zaxxer.hikari.HikariDataSource;
import io.openluffy.api.config.ApiConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local mode's embedded PostgreSQL: closed to other local users, durable, and not left locked by a crash. */
class EmbeddedDatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void onlyThePasswordOpensTheDatabaseAndFsyncIsOn() throws Exception {
        try (ApiServer server = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build())) {
            String url = ((HikariDataSource) server.dataSource()).getJdbcUrl().replace("localhost", "127.0.0.1");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess").close())
                    .hasMessageContaining("password authentication failed");
            Path passwordFile = dataDir.resolve("keys/postgres-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(setting(s, "unix_socket_directories")).isEmpty();
            }
        }
    }

    @Test
    void aClusterMadeBeforePasswordsGetsOneAtTheNextStart() throws Exception {
        Path cluster = dataDir.resolve("postgres");
        int port;
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(cluster).setCleanDataDirectory(false)
                .start()) {
            port = old.getPort();
        }
        try (ApiServer server = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build())) {
            String url = ((HikariDataSource) server.dataSource()).getJdbcUrl().replace("localhost", "127.0.0.1");
            assertThat(port).isPositive();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
                    .hasMessageContaining("password");
            assertThat(new ApiClient(server.baseUrl()).get("/readyz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aServerKilledWithSigkillLeavesNoLockedDataDirectory() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()).redirectErrorStream(true);
        builder.environment().put("OPENLUFFY_DATA_DIR", dataDir.toString());
        builder.environment().put("OPENLUFFY_PORT", "0");
        Process child = builder.start();
        try {
            ApiClient first = new ApiClient(listeningUrl(child));
            assertThat(first.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@local.test", "password", "LocalPassword123!")).status()).isEqualTo(201);
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(pid.get(0).trim())).orElseThrow();
        assertThat(orphan.isAlive()).as("the killed server's postmaster is still running").isTrue();
        try {
            Instant start = Instant.now();
            try (ApiServer next = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build())) {
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
                assertThat(new ApiClient(next.baseUrl()).post("/v1/auth/login",
                        ApiClient.credentials("admin@local.test", "LocalPassword123!")).status()).isEqualTo(200);
            }
        } finally {
            orphan.destroy();
        }
    }

    /** Reads the child server's output until its "listening on" line and returns that URL. */
    private static String listeningUrl(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return line.substring(at + "listening on ".length()).split(" ")[0];
            }
        }
        throw new AssertionError("the server exited without listening");
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
