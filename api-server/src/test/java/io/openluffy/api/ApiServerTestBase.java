package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real API server with its embedded PostgreSQL per test class, on a random port; every table is emptied
 * before each test so tests do not depend on each other.
 */
abstract class ApiServerTestBase {
    static final String ADMIN_EMAIL = "admin@yourcompany.com";
    static final String ADMIN_PASSWORD = "YourSecurePassword123!";

    @TempDir
    static Path dataDir;
    static ApiServer server;
    static ApiClient api;

    @BeforeAll
    static void startServer() {
        // plain http and private addresses allowed so that integrations can point at fakes on loopback
        server = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).allowInsecureIntegrations(true)
                .allowPrivateIntegrations(true).build());
        api = new ApiClient(server.baseUrl());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyDatabase() {
        emptyTables();
    }

    static void emptyTables() {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            s.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("emptying the test database failed", e);
        }
    }

    /** Bootstraps the first admin and returns their access token. */
    static String bootstrapAdmin() {
        ApiClient.Response r = api.post("/v1/auth/bootstrap/create-admin", Map.of(
                "email", ADMIN_EMAIL, "password", ADMIN_PASSWORD, "first_name", "Admin", "last_name", "User"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.get("access_token");
    }

    /** Creates a user through the API (as the given admin) and returns its id. */
    static String createUser(String adminToken, String email, String password, String role) {
        ApiClient.Response r = api.post("/v1/auth/users", ApiClient.user(email, password, role), adminToken);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.get("id");
    }

    static ApiClient.Response login(String email, String password) {
        return api.post("/v1/auth/login", ApiClient.credentials(email, password));
    }

    static String accessToken(String email, String password) {
        ApiClient.Response r = login(email, password);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.get("access_token");
    }
}
