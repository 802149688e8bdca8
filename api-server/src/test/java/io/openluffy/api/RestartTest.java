package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "API server down, then up": same data directory and port, users and sessions still there. */
class RestartTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondServerOnARunningServersDataDirOrPortIsRefusedClearly(@TempDir Path otherDir) {
        try (ApiServer running = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build())) {
            assertThatThrownBy(() -> ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build()))
                    .hasMessageContaining("is another OpenLuffy API server using this OPENLUFFY_DATA_DIR?");
            assertThatThrownBy(() -> ApiServer.start(ApiConfig.builder().port(running.port()).dataDir(otherDir).build()))
                    .hasMessageContaining("Port already in use");
            assertThat(new ApiClient(running.baseUrl()).get("/readyz", null).status()).isEqualTo(200);
        }
        // the failed start released the other data dir: it can be used now
        try (ApiServer later = ApiServer.start(ApiConfig.builder().port(0).dataDir(otherDir).build())) {
            assertThat(new ApiClient(later.baseUrl()).get("/readyz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void restartOnTheSameDataDirectoryAndPortKeepsUsersAndTokens() {
        int port;
        String accessToken;
        try (ApiServer first = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build())) {
            port = first.port();
            ApiClient api = new ApiClient(first.baseUrl());
            ApiClient.Response boot = api.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@prod.local", "password", "ProdPassword123!"));
            assertThat(boot.status()).isEqualTo(201);
            accessToken = boot.get("access_token");
        }

        try (ApiServer second = ApiServer.start(ApiConfig.builder().port(port).dataDir(dataDir).build())) {
            assertThat(second.port()).isEqualTo(port);
            ApiClient api = new ApiClient(second.baseUrl());
            // same locally generated signing key and same database: the old token still works
            assertThat(api.get("/v1/auth/me", accessToken).get("email")).isEqualTo("admin@prod.local");
            assertThat(api.post("/v1/auth/login", ApiClient.credentials("admin@prod.local", "ProdPassword123!")).status())
                    .isEqualTo(200);
            assertThat(api.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "other@prod.local", "password", "ProdPassword123!")).status()).isEqualTo(403);
        }
    }
}
