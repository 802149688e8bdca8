package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The database goes away and comes back: readiness follows, requests fail cleanly, nothing needs a restart. */
class ReadinessTest {
    @TempDir
    Path pgDir;

    @Test
    void readyzIs503WhileTheDatabaseIsDownAndRecoversByItself() {
        try (StandalonePostgres postgres = new StandalonePostgres(pgDir);
             ApiServer server = ApiServer.start(postgres.apiConfig().build())) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(api.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@prod.local", "password", "ProdPassword123!")).status()).isEqualTo(201);
            assertThat(api.get("/readyz", null).status()).isEqualTo(200);
            assertThat(databaseReady(api)).isEqualTo(1.0);

            postgres.stop();
            ApiClient.Response down = api.get("/readyz", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.get("detail")).isEqualTo("Database unreachable.");
            assertThat(databaseReady(api)).isZero();
            assertThat(api.get("/healthz", null).status()).isEqualTo(200);
            ApiClient.Response login = api.post("/v1/auth/login",
                    ApiClient.credentials("admin@prod.local", "ProdPassword123!"));
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.get("detail")).contains("database is unavailable");

            postgres.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/readyz", null).status() == 200);
            assertThat(api.post("/v1/auth/login", ApiClient.credentials("admin@prod.local", "ProdPassword123!"))
                    .status()).isEqualTo(200);
            assertThat(databaseReady(api)).isEqualTo(1.0);
        }
    }

    /** The series an alert on the database reads. */
    private static double databaseReady(ApiClient api) {
        return PrometheusText.parse(api.get("/metrics", null).body()).get("openluffy_database_ready");
    }

    @Test
    void startUpWaitsForADatabaseThatIsNotUpYet() throws Exception {
        try (StandalonePostgres postgres = new StandalonePostgres(pgDir)) {
            postgres.stop();
            CompletableFuture<ApiServer> starting = CompletableFuture.supplyAsync(
                    () -> ApiServer.start(postgres.apiConfig().databaseWaitSeconds(60).build()));
            Thread.sleep(3_000);
            assertThat(starting).isNotDone();
            postgres.start();
            try (ApiServer server = starting.get(60, TimeUnit.SECONDS)) {
                assertThat(new ApiClient(server.baseUrl()).get("/readyz", null).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void startUpGivesUpWithAClearErrorWhenTheDatabaseNeverComes() {
        ApiConfig nothingListening = ApiConfig.builder().port(0).databaseWaitSeconds(0)
                .database("jdbc:postgresql://localhost:" + StandalonePostgres.freePort() + "/openluffy", "u", "p")
                .jwtSigningKey(StandalonePostgres.JWT_KEY).encryptionKey(StandalonePostgres.ENCRYPTION_KEY).build();
        assertThatThrownBy(() -> ApiServer.start(nothingListening)).hasMessageContaining("Connection");
    }
}
