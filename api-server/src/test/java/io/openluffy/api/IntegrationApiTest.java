package io.openluffy.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

        // the URL can change without sending the token again
        ApiClient.Response moved = putArgoCd(admin, "https://argocd.yourcompany.com", null, true);
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
            assertThat(unauthorized.get("reason").asText()).contains("401").doesNotContain("a-token-argo-cd");
        }

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        putArgoCd(admin, "http://127.0.0.1:" + closedPort, ARGO_TOKEN, null);
        JsonNode unreachable = testArgoCd(admin);
        assertThat(unreachable.get("status").asText()).isEqualTo("unreachable");
        assertThat(unreachable.get("reason").asText()).contains("connection refused");
    }

    private static JsonNode testArgoCd(String admin) {
        ApiClient.Response r = api.post("/v1/integrations/argocd/test", null, admin);
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
