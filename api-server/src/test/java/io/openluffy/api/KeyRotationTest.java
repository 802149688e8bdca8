package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import io.openluffy.api.config.EnvironmentConfig;
import io.openluffy.api.crypto.EncryptionKey;
import io.openluffy.api.crypto.KeyRotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** Moving every stored secret from an old encryption key to a new one, with the server stopped and restarted. */
class KeyRotationTest {
    static final byte[] OLD_KEY = "old-encryption-key-32-bytes-long".getBytes();
    static final byte[] NEW_KEY = "new-encryption-key-32-bytes-long".getBytes();

    @TempDir
    Path dataDir;

    @Test
    void oldRowsKeepWorkingAndRotationLeavesNoRowOnTheOldKey() throws SQLException {
        List<String> customers = new ArrayList<>();
        String admin;
        try (ApiServer server = start(config().encryptionKey(OLD_KEY))) {
            ApiClient api = new ApiClient(server.baseUrl());
            admin = api.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@prod.local", "password", "ProdPassword123!")).get("access_token");
            for (String name : List.of("Acme", "Globex", "Initech")) {
                String id = api.post("/v1/customers", Map.of("name", name), admin).get("id");
                assertThat(api.send("PUT", "/v1/customers/" + id + "/github-token",
                        Map.of("token", "ghp_" + name + "_token_1234"), admin).status()).isEqualTo(200);
                customers.add(id);
            }
            assertThat(api.send("PUT", "/v1/integrations/argocd", Map.of("url", "http://127.0.0.1:9", "token",
                    "argo-token"), admin).status()).isEqualTo(200);
        }

        // the new key alone cannot read the old rows, and says so
        try (ApiServer server = start(config().encryptionKey(NEW_KEY))) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertDetail(api.get("/v1/customers/" + customers.get(0) + "/github-token", admin), 500,
                    "customer 'Acme'");
        }

        // new key plus the previous one: old rows still work, new writes use the new key
        try (ApiServer server = start(config().encryptionKey(NEW_KEY).previousEncryptionKey(OLD_KEY))) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(api.get("/v1/customers/" + customers.get(0) + "/github-token", admin).get("last4"))
                    .isEqualTo("1234");
            api.send("PUT", "/v1/customers/" + customers.get(2) + "/github-token",
                    Map.of("token", "ghp_Initech_token_5678"), admin);
            assertThat(keyIds(server)).containsEntry(id(OLD_KEY), 3L).containsEntry(id(NEW_KEY), 1L);
        }

        KeyRotation.Result rotated = RotateKeys.run(config().encryptionKey(NEW_KEY).previousEncryptionKey(OLD_KEY).build());
        assertThat(rotated.resealed()).isEqualTo(3);
        assertThat(rotated.failed()).isEmpty();
        assertThat(rotated.currentKeyId()).isEqualTo(id(NEW_KEY));
        // a second run has nothing left to do
        assertThat(RotateKeys.run(config().encryptionKey(NEW_KEY).previousEncryptionKey(OLD_KEY).build()).resealed())
                .isZero();

        // the old key is gone from the configuration: everything still decrypts, nothing names the old key
        try (ApiServer server = start(config().encryptionKey(NEW_KEY))) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(keyIds(server)).containsOnlyKeys(id(NEW_KEY)).containsEntry(id(NEW_KEY), 4L);
            assertThat(api.get("/v1/customers/" + customers.get(0) + "/github-token", admin).get("last4"))
                    .isEqualTo("1234");
            assertThat(api.get("/v1/customers/" + customers.get(1) + "/github-token", admin).get("last4"))
                    .isEqualTo("1234");
            assertThat(api.get("/v1/customers/" + customers.get(2) + "/github-token", admin).get("last4"))
                    .isEqualTo("5678");
            // the Argo CD token decrypts too (the probe runs, against a port where nothing listens)
            ApiClient.Response probe = api.post("/v1/integrations/argocd/test", null, admin);
            assertThat(probe.status()).as(probe.body()).isEqualTo(200);
            assertThat(probe.get("status")).isEqualTo("unreachable");
        }
    }

    @Test
    void previousKeyComesFromTheEnvironment() {
        ApiConfig config = EnvironmentConfig.read(Map.of(
                "OPENLUFFY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(NEW_KEY),
                "OPENLUFFY_ENCRYPTION_KEY_PREVIOUS", Base64.getEncoder().encodeToString(OLD_KEY)));
        assertThat(config.previousEncryptionKey()).hasValue(OLD_KEY);
        assertThat(config.toString()).doesNotContain(Base64.getEncoder().encodeToString(OLD_KEY));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvironmentConfig.read(Map.of(
                        "OPENLUFFY_ENCRYPTION_KEY_PREVIOUS", Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("OPENLUFFY_ENCRYPTION_KEY_PREVIOUS must be base64 of exactly 32 bytes");
    }

    @Test
    void inTheLocalModeRotationUpdatesTheKeyFileSoAPlainStartStillReadsTheTokens() throws Exception {
        String admin;
        String id;
        try (ApiServer server = start(config())) {
            ApiClient api = new ApiClient(server.baseUrl());
            admin = api.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@local.test", "password", "LocalPassword123!")).get("access_token");
            id = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
            api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", "ghp_local_token_1234"), admin);
        }
        byte[] generated = Base64.getDecoder().decode(
                java.nio.file.Files.readString(dataDir.resolve("keys/encryption-key")).trim());

        // as the README says: the new key, the old one as previous, then RotateKeys
        KeyRotation.Result result = RotateKeys.run(config().encryptionKey(NEW_KEY).previousEncryptionKey(generated)
                .build());
        assertThat(result.failed()).isEmpty();
        assertThat(result.resealed()).isEqualTo(1);

        try (ApiServer plain = start(config())) {
            ApiClient api = new ApiClient(plain.baseUrl());
            ApiClient.Response token = api.get("/v1/customers/" + id + "/github-token", admin);
            assertThat(token.status()).as(token.body()).isEqualTo(200);
            assertThat(token.get("last4")).isEqualTo("1234");
            assertThat(keyIds(plain)).containsOnlyKeys(id(NEW_KEY));
        }
    }

    private ApiConfig.Builder config() {
        return ApiConfig.builder().port(0).dataDir(dataDir).allowInsecureIntegrations(true);
    }

    private static ApiServer start(ApiConfig.Builder config) {
        return ApiServer.start(config.build());
    }

    private static String id(byte[] key) {
        return EncryptionKey.of(key).id();
    }

    private static Map<String, Long> keyIds(ApiServer server) throws SQLException {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (Connection c = server.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT key_id, count(*) FROM secrets GROUP BY key_id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
