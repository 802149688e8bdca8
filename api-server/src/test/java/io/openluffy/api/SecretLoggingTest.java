package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything the server logs, from start-up to failures, is searched for every secret it handled. */
class SecretLoggingTest extends ApiServerTestBase {
    private static LogCapture logs;

    @BeforeAll
    static void captureLogsAndRestart() {
        logs = LogCapture.attach();
        // restarted under capture, so start-up logging (keys, database, listening) is searched too
        server.close();
        server = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).build());
        api = new ApiClient(server.baseUrl());
    }

    @AfterAll
    static void detach() {
        logs.close();
    }

    @Test
    void noPasswordTokenOrKeyIsEverLogged() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, "ViewerPassword123!", "NewViewerPassw0rd!",
                "WrongPassword999!", "MalformedSecret123!"));

        ApiClient.Response boot = api.post("/v1/auth/bootstrap/create-admin",
                Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        secrets.add(boot.get("access_token"));
        secrets.add(boot.get("refresh_token"));
        String admin = boot.get("access_token");
        api.post("/v1/auth/bootstrap/create-admin", Map.of("email", "x@y.io", "password", ADMIN_PASSWORD));

        String viewerId = createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        login("viewer@yourcompany.com", "WrongPassword999!");
        login("nobody@yourcompany.com", "WrongPassword999!");
        ApiClient.Response viewer = login("viewer@yourcompany.com", "ViewerPassword123!");
        secrets.add(viewer.get("access_token"));
        secrets.add(viewer.get("refresh_token"));
        ApiClient.Response rotated = api.post("/v1/auth/refresh", Map.of("refresh_token", viewer.get("refresh_token")));
        secrets.add(rotated.get("access_token"));
        secrets.add(rotated.get("refresh_token"));
        api.post("/v1/auth/refresh", Map.of("refresh_token", viewer.get("refresh_token"))); // reuse
        api.patch("/v1/auth/users/" + viewerId, Map.of("password", "NewViewerPassw0rd!"), admin);

        ApiClient.Response apiToken = api.post("/v1/auth/tokens", Map.of("name", "ci"), admin);
        secrets.add(apiToken.get("token"));
        api.get("/v1/auth/me", apiToken.get("token"));
        api.get("/v1/auth/me", apiToken.get("token") + "x");
        api.get("/v1/auth/me", admin.substring(0, admin.length() - 3) + "abc");

        // failures that carry secrets in their input
        api.post("/v1/auth/login", "{\"email\":\"viewer@yourcompany.com\",\"password\":\"MalformedSecret123!");
        api.post("/v1/auth/login", "{\"email\":\"viewer@yourcompany.com\",\"password\":[\"MalformedSecret123!\"]}");
        api.post("/v1/auth/users", "{\"password\":\"MalformedSecret123!\",\"rolle\":\"admin\"}", admin);
        api.post("/v1/auth/logout", Map.of("refresh_token", "MalformedSecret123!"));

        String jwtKeyBase64 = Files.readString(dataDir.resolve("keys/jwt-signing-key")).trim();
        String encryptionKeyBase64 = Files.readString(dataDir.resolve("keys/encryption-key")).trim();
        secrets.add(jwtKeyBase64);
        secrets.add(encryptionKeyBase64);

        String everything = logs.text();
        // the capture works: start-up and request lines are there
        assertThat(everything).contains("listening on").contains("POST /v1/auth/login 401")
                .contains("POST /v1/auth/login 400").contains("keys kept in");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(everything).as("a secret was logged").doesNotContain(secret);
        }
        // nor the part of a JWT that proves it (its signature)
        for (String token : List.of(admin, rotated.get("refresh_token"))) {
            assertThat(everything).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }
}
