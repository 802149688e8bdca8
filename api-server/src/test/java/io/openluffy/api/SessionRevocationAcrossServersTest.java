package io.openluffy.api;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API servers on one database, each remembering live sessions: a logout on one is refused on the other within
 * a second, and without the notification channel every request goes to the database again.
 */
class SessionRevocationAcrossServersTest {
    @TempDir
    static Path pgDir;
    static TwoServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new TwoServers(pgDir);
        Queries.execute(servers.first.dataSource(), "TRUNCATE users CASCADE");
        new ApiClient(servers.first.baseUrl()).post("/v1/auth/bootstrap/create-admin",
                Map.of("email", "admin@yourcompany.com", "password", "SharedPassword123!"));
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void aLogoutOnOneServerIsRefusedOnTheOtherWithinASecond() {
        ApiClient one = new ApiClient(servers.first.baseUrl());
        ApiClient other = new ApiClient(servers.second.baseUrl());
        ApiClient.Response login = one.post("/v1/auth/login",
                ApiClient.credentials("admin@yourcompany.com", "SharedPassword123!"));
        String access = login.get("access_token");
        // the other server has checked (and remembered) this session
        for (int i = 0; i < 5; i++) {
            assertThat(other.get("/v1/auth/me", access).status()).isEqualTo(200);
        }

        assertThat(one.post("/v1/auth/logout", Map.of("refresh_token", login.get("refresh_token"))).status())
                .isEqualTo(204);
        Instant loggedOut = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> other.get("/v1/auth/me", access).status() == 401);
        System.out.println("refused on the other server after " + Duration.between(loggedOut, Instant.now()).toMillis()
                + " ms");
        assertThat(one.get("/v1/auth/me", access).status()).as("and at once on the same one").isEqualTo(401);
    }

    @Test
    void withoutTheNotificationChannelRevocationIsStillImmediate() throws Exception {
        ApiClient other = new ApiClient(servers.second.baseUrl());
        ApiClient.Response login = other.post("/v1/auth/login",
                ApiClient.credentials("admin@yourcompany.com", "SharedPassword123!"));
        String access = login.get("access_token");
        assertThat(other.get("/v1/auth/me", access).status()).isEqualTo(200);

        // cut every listener off, and revoke behind the servers' backs in the same moment
        Queries.execute(servers.first.dataSource(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
        Queries.execute(servers.first.dataSource(), "UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL");
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> other.get("/v1/auth/me", access).status() == 401);
    }
}
