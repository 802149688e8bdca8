package io.openluffy.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "API server down, then up": same data directory and port, users and sessions still there. */
class RestartTest {
    @TempDir
    Path dataDir;

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
