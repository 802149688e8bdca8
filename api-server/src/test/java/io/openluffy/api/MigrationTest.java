package io.openluffy.api;

import io.openluffy.api.users.PasswordHasher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An upgrade: a database written by the first release gets every later migration and keeps its rows. */
class MigrationTest {
    @TempDir
    Path pgDir;

    @Test
    void upgradingAnExistingDatabaseKeepsItsRows() throws Exception {
        try (StandalonePostgres postgres = new StandalonePostgres(pgDir)) {
            // the schema as release 1 left it, with a user in it
            Flyway.configure().dataSource(postgres.jdbcUrl(), "postgres", "")
                    .locations("classpath:db/migration").target("1").load().migrate();
            UUID id = UUID.randomUUID();
            try (Connection c = connect(postgres); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (id, email, password_hash, first_name, last_name, role) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setString(2, "admin@prod.local");
                ps.setString(3, new PasswordHasher().hash("ProdPassword123!"));
                ps.setString(4, "Old");
                ps.setString(5, "Admin");
                ps.setString(6, "admin");
                ps.executeUpdate();
            }

            try (ApiServer server = ApiServer.start(postgres.apiConfig().build())) {
                ApiClient api = new ApiClient(server.baseUrl());
                ApiClient.Response login = api.post("/v1/auth/login",
                        ApiClient.credentials("admin@prod.local", "ProdPassword123!"));
                assertThat(login.status()).isEqualTo(200);
                ApiClient.Response me = api.get("/v1/auth/me", login.get("access_token"));
                assertThat(me.get("id")).isEqualTo(id.toString());
                assertThat(me.get("first_name")).isEqualTo("Old");
                assertThat(me.get("last_login_at")).isNotBlank();
                assertThat(api.post("/v1/auth/bootstrap/create-admin",
                        ApiClient.credentials("new@prod.local", "ProdPassword123!")).status()).isEqualTo(403);
            }
            try (Connection c = connect(postgres); Statement s = c.createStatement()) {
                assertThat(appliedVersions(s)).startsWith("1", "1.1");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    private static List<String> appliedVersions(Statement s) throws Exception {
        List<String> versions = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static Connection connect(StandalonePostgres postgres) throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
    }
}
