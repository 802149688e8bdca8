package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A PostgreSQL outside any API server, on a fixed port and data directory, so tests can share it between servers
 * (as in production) and stop and restart it underneath them.
 */
final class StandalonePostgres implements AutoCloseable {
    static final byte[] JWT_KEY = "test-jwt-signing-key-of-at-least-32-bytes!".getBytes();
    static final byte[] ENCRYPTION_KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    StandalonePostgres(Path dataDir) {
        this.dataDir = dataDir;
        this.port = freePort();
        start();
    }

    void start() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** An API server configuration using this database, as in a real deployment (keys given, nothing local). */
    ApiConfig.Builder apiConfig() {
        return ApiConfig.builder().port(0).database(jdbcUrl(), "postgres", "not-checked-by-trust-auth")
                .jwtSigningKey(JWT_KEY).encryptionKey(ENCRYPTION_KEY);
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
