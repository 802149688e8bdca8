package io.openluffy.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics}: Prometheus text with request, login, bootstrap and connection pool series. */
class MetricsApiTest extends ApiServerTestBase {
    static final String CUSTOMER_REQUESTS =
            "openluffy_http_server_requests_seconds_count{method=\"GET\",route=\"/v1/customers/{id}\",status=\"200\"}";

    @Test
    void countsRequestsByRouteTemplateAndStatus() {
        String admin = bootstrapAdmin();
        String id = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
        double before = scrape().getOrDefault(CUSTOMER_REQUESTS, 0.0);

        assertThat(api.get("/v1/customers/" + id, admin).status()).isEqualTo(200);
        assertThat(api.get("/v1/customers/" + id, admin).status()).isEqualTo(200);
        assertThat(api.get("/v1/customers/00000000-0000-0000-0000-000000000000", admin).status()).isEqualTo(404);

        ApiClient.Response raw = api.get("/metrics", null);
        assertThat(raw.header("Content-Type")).startsWith("text/plain");
        Map<String, Double> after = PrometheusText.parse(raw.body());
        assertThat(after.get(CUSTOMER_REQUESTS)).isEqualTo(before + 2);
        assertThat(after).containsKey(
                "openluffy_http_server_requests_seconds_count{method=\"GET\",route=\"/v1/customers/{id}\",status=\"404\"}");
        assertThat(after.get(CUSTOMER_REQUESTS.replace("_count", "_sum"))).isPositive();
        // the template, never the raw path: ids would make a series per customer
        assertThat(raw.body()).doesNotContain(id);
    }

    @Test
    void countsLoginsBootstrapAndReportsThePool() {
        double successes = scrape().get("openluffy_logins_total{outcome=\"success\"}");
        double failures = scrape().get("openluffy_logins_total{outcome=\"failure\"}");
        double created = scrape().get("openluffy_bootstrap_total{outcome=\"created\"}");
        double refused = scrape().get("openluffy_bootstrap_total{outcome=\"already_initialized\"}");

        bootstrapAdmin();
        assertThat(api.post("/v1/auth/bootstrap/create-admin",
                Map.of("email", "second@yourcompany.com", "password", "AnotherPassword123!")).status()).isEqualTo(403);
        accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(login(ADMIN_EMAIL, "wrong-password-123").status()).isEqualTo(401);
        assertThat(login("nobody@yourcompany.com", "wrong-password-123").status()).isEqualTo(401);

        Map<String, Double> m = scrape();
        assertThat(m.get("openluffy_logins_total{outcome=\"success\"}")).isEqualTo(successes + 1);
        assertThat(m.get("openluffy_logins_total{outcome=\"failure\"}")).isEqualTo(failures + 2);
        assertThat(m.get("openluffy_bootstrap_total{outcome=\"created\"}")).isEqualTo(created + 1);
        assertThat(m.get("openluffy_bootstrap_total{outcome=\"already_initialized\"}")).isEqualTo(refused + 1);
        assertThat(m.get("hikaricp_connections_max{pool=\"openluffy\"}")).isEqualTo(10.0);
        assertThat(m).containsKey("hikaricp_connections_active{pool=\"openluffy\"}");
    }

    @Test
    void aSettingPutsMetricsBehindAdminAuth(@TempDir Path otherDataDir) {
        try (ApiServer guarded = ApiServer.start(ApiConfig.builder().port(0).dataDir(otherDataDir)
                .metricsRequireAuth(true).build())) {
            ApiClient client = new ApiClient(guarded.baseUrl());
            assertDetail(client.get("/metrics", null), 401, "Authentication required");
            String admin = client.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@dev.local", "password", "DevPassword123!")).get("access_token");
            ApiClient.Response ok = client.get("/metrics", admin);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(PrometheusText.parse(ok.body())).containsKey("openluffy_logins_total{outcome=\"success\"}");
        }
    }

    private static Map<String, Double> scrape() {
        ApiClient.Response r = api.get("/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }
}
