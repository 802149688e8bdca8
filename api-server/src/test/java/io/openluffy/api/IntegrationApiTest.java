package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/integrations}: the Argo CD integration against a fake Argo CD on loopback. */
class IntegrationApiTest extends ApiServerTestBase {
    static final String ARGO_TOKEN = "eyJhbGciOiJIUzI1NiJ9.argocd-account-token-for-tests.c2lnbmF0dXJl";

    @Test
    void configureReadAndDeleteWithoutEverReturningTheToken() throws Exception {
        String admin = bootstrapAdmin();
        assertThat(api.get("/v1/integrations", admin).json()).isEmpty();
        assertDetail(api.get("/v1/integrations/argocd", admin), 404, "not configured");

        ApiClient.Response put = putArgoCd(admin, "http://127.0.0.1:9/", ARGO_TOKEN, null);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.get("url")).isEqualTo("http://127.0.0.1:9");
        assertThat(put.json().get("token_set").asBoolean()).isTrue();
        assertThat(put.json().get("insecure_skip_tls_verify").asBoolean()).isFalse();
        assertThat(put.get("updated_by")).isEqualTo(ADMIN_EMAIL);

        ApiClient.Response moved = putArgoCd(admin, "https://argocd.yourcompany.com", ARGO_TOKEN, true);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("insecure_skip_tls_verify").asBoolean()).isTrue();

        JsonNode listed = api.get("/v1/integrations", admin).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("kind").asText()).isEqualTo("argocd");
        assertThat(listed.get(0).get("url").asText()).isEqualTo("https://argocd.yourcompany.com");
        for (String path : new String[]{"/v1/integrations", "/v1/integrations/argocd", "/v1/audit"}) {
            assertThat(api.get(path, admin).body()).doesNotContain(ARGO_TOKEN).doesNotContain("argocd-account-token");
        }
        assertThat(StoredData.tablesContaining(server.dataSource(), ARGO_TOKEN)).isEmpty();
        StoredData.checkpoint(server.dataSource());
        assertThat(StoredData.filesContaining(dataDir.resolve("postgres"), "argocd-account-token")).isEmpty();

        assertThat(api.delete("/v1/integrations/argocd", admin).status()).isEqualTo(204);
        assertThat(api.get("/v1/integrations", admin).json()).isEmpty();
        assertDetail(api.delete("/v1/integrations/argocd", admin), 404, "not configured");
        assertDetail(api.post("/v1/integrations/argocd/test", null, admin), 404, "not configured");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String admin = bootstrapAdmin();
        assertDetail(putArgoCd(admin, "http://127.0.0.1:9", null, null), 400, "token is required");
        assertDetail(putArgoCd(admin, "ftp://argocd.local", ARGO_TOKEN, null), 400, "https URL");
        assertDetail(putArgoCd(admin, "https://user:pw@argocd.local", ARGO_TOKEN, null), 400, "without credentials");
        assertDetail(putArgoCd(admin, "not a url", ARGO_TOKEN, null), 400, "url");
        assertDetail(putArgoCd(admin, null, ARGO_TOKEN, null), 400, "url is required");
        assertDetail(putArgoCd(admin, "https://argocd.local:99999", ARGO_TOKEN, null), 400, "port");
        assertDetail(api.send("PUT", "/v1/integrations/argocd", "{\"url\": \"https://a.b\", \"tokn\": \"x\"}", admin),
                400, "Unknown field 'tokn'");
        assertThat(api.get("/v1/integrations", admin).json()).isEmpty();
    }

    @Test
    void onlyAdminsManageIntegrations() {
        String admin = bootstrapAdmin();
        createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        String viewer = accessToken("viewer@yourcompany.com", "ViewerPassword123!");
        putArgoCd(admin, "http://127.0.0.1:9", ARGO_TOKEN, null);

        assertDetail(api.get("/v1/integrations", viewer), 403, "admin role");
        assertDetail(api.get("/v1/integrations/argocd", viewer), 403, "admin role");
        assertDetail(putArgoCd(viewer, "http://127.0.0.1:9", ARGO_TOKEN, null), 403, "admin role");
        assertDetail(api.delete("/v1/integrations/argocd", viewer), 403, "admin role");
        assertDetail(api.post("/v1/integrations/argocd/test", null, viewer), 403, "admin role");
        assertDetail(api.get("/v1/integrations", null), 401, "Authentication required");
        assertThat(api.get("/v1/integrations/argocd", admin).status()).isEqualTo(200);
    }

    @Test
    void connectionTestReportsReachableUnauthorizedAndUnreachable() throws IOException {
        String admin = bootstrapAdmin();
        try (FakeArgoCd argo = new FakeArgoCd(ARGO_TOKEN)) {
            putArgoCd(admin, argo.url(), ARGO_TOKEN, null);
            JsonNode reachable = testArgoCd(admin);
            assertThat(reachable.get("status").asText()).isEqualTo("reachable");
            assertThat(reachable.get("version").asText()).isEqualTo(FakeArgoCd.VERSION);

            putArgoCd(admin, argo.url(), "a-token-argo-cd-does-not-know", null);
            JsonNode unauthorized = testArgoCd(admin);
            assertThat(unauthorized.get("status").asText()).isEqualTo("unauthorized");
            assertThat(unauthorized.get("reason").asText()).isEqualTo("token refused");
        }

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        putArgoCd(admin, "http://127.0.0.1:" + closedPort, ARGO_TOKEN, null);
        JsonNode unreachable = testArgoCd(admin);
        assertThat(unreachable.get("status").asText()).isEqualTo("unreachable");
        assertThat(unreachable.get("reason").asText()).isEqualTo("connection failed");
    }

    @Test
    void changingTheUrlDropsTheStoredTokenSoItCannotFollowToAnotherHost() throws IOException {
        String admin = bootstrapAdmin();
        try (FakeArgoCd original = new FakeArgoCd(ARGO_TOKEN); FakeArgoCd other = new FakeArgoCd(ARGO_TOKEN)) {
            putArgoCd(admin, original.url(), ARGO_TOKEN, null);
            // same URL, same TLS setting: the stored token stays
            assertThat(putArgoCd(admin, original.url(), null, null).json().get("token_set").asBoolean()).isTrue();
            assertThat(testArgoCd(admin).get("status").asText()).isEqualTo("reachable");

            ApiClient.Response moved = putArgoCd(admin, other.url(), null, true);
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().get("token_set").asBoolean()).isFalse();
            assertDetail(api.post("/v1/integrations/argocd/test", null, admin), 409, "no token");
            assertThat(other.requests()).isZero();

            // turning TLS verification off at the same URL drops it too
            putArgoCd(admin, original.url(), ARGO_TOKEN, false);
            assertThat(putArgoCd(admin, original.url(), null, true).json().get("token_set").asBoolean()).isFalse();
        }
    }

    @Test
    void failuresAreReportedInFixedWordsWithoutTheServicesAnswer() throws Exception {
        String admin = bootstrapAdmin();
        try (ServerSocket banner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!banner.isClosed()) {
                    try (Socket s = banner.accept()) {
                        s.getOutputStream().write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            for (String url : new String[]{"http://127.0.0.1:" + banner.getLocalPort(),
                    "https://127.0.0.1:" + banner.getLocalPort()}) {
                putArgoCd(admin, url, ARGO_TOKEN, true);
                JsonNode result = testArgoCd(admin);
                assertThat(result.get("status").asText()).isEqualTo("unreachable");
                assertThat(result.get("reason").asText()).as(url)
                        .isIn("connection failed", "TLS handshake failed", "not an Argo CD answer")
                        .doesNotContain("SSH");
            }
        }
    }

    @Test
    void withoutThePrivateNetworkSettingLoopbackIsRefusedInAnySpellingAndNeverContacted(@TempDir Path otherDataDir) {
        try (ApiServer strict = ApiServer.start(ApiConfig.builder().port(0).dataDir(otherDataDir)
                .allowInsecureIntegrations(true).build()); FakeArgoCd argo = new FakeArgoCd(ARGO_TOKEN)) {
            ApiClient client = new ApiClient(strict.baseUrl());
            String admin = client.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)).get("access_token");
            String port = argo.url().substring(argo.url().lastIndexOf(':'));
            for (String host : new String[]{"127.0.0.1", "[::1]", "localhost", "0", "2130706433"}) {
                ApiClient.Response put = client.send("PUT", "/v1/integrations/argocd",
                        Map.of("url", "http://" + host + port, "token", ARGO_TOKEN), admin);
                assertThat(put.status()).as(put.body()).isEqualTo(200);
                JsonNode result = testArgoCd(client, admin);
                assertThat(result.get("status").asText()).as(host).isEqualTo("unreachable");
                assertThat(result.get("reason").asText()).as(host).isEqualTo("address not allowed");
            }
            assertThat(argo.requests()).isZero();
        }
    }

    private static JsonNode testArgoCd(String admin) {
        return testArgoCd(api, admin);
    }

    private static JsonNode testArgoCd(ApiClient client, String admin) {
        ApiClient.Response r = client.post("/v1/integrations/argocd/test", null, admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(ARGO_TOKEN);
        return r.json();
    }

    static ApiClient.Response putArgoCd(String bearer, String url, String token, Boolean insecure) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        if (token != null) {
            body.put("token", token);
        }
        if (insecure != null) {
            body.put("insecure_skip_tls_verify", insecure);
        }
        return api.send("PUT", "/v1/integrations/argocd", body, bearer);
    }
}
