package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void reportsTheJvmTheProcessTheDatabaseAndTheBuild() {
        // this JVM is the server's: a collection here must show in its GC series
        System.gc();
        await().atMost(Duration.ofSeconds(10)).until(() -> sum(scrape(), "jvm_gc_pause_seconds_count") > 0);
        Map<String, Double> m = scrape();

        assertThat(m.get("openluffy_build_info{version=\"" + System.getProperty("openluffy.project.version") + "\"}"))
                .isEqualTo(1.0);
        assertThat(m.get("openluffy_database_ready")).isEqualTo(1.0);

        Runtime jvm = Runtime.getRuntime();
        assertThat(sum(m, "jvm_memory_used_bytes{area=\"heap\"")).isPositive()
                .isLessThanOrEqualTo(sum(m, "jvm_memory_committed_bytes{area=\"heap\""));
        assertThat(sum(m, "jvm_memory_used_bytes{area=\"nonheap\"")).isPositive();
        assertThat(m).containsKey("jvm_gc_memory_allocated_bytes_total");
        assertThat(m.get("jvm_threads_live_threads")).isGreaterThanOrEqualTo(m.get("jvm_threads_daemon_threads"))
                .isGreaterThan(10.0);
        assertThat(sum(m, "jvm_threads_states_threads{state=\"runnable\"")).isPositive();
        assertThat(m.get("jvm_classes_loaded_classes")).isGreaterThan(1000.0);
        assertThat(m).containsKey("jvm_info{runtime=\"" + System.getProperty("java.runtime.name") + "\",vendor=\""
                + System.getProperty("java.vm.vendor") + "\",version=\"" + System.getProperty("java.runtime.version") + "\"}");

        assertThat(m.get("system_cpu_count")).isEqualTo(jvm.availableProcessors());
        assertThat(m.get("process_cpu_usage")).isBetween(0.0, 1.0);
        assertThat(m.get("process_uptime_seconds")).isPositive();
        double startedSecondsAgo = System.currentTimeMillis() / 1000.0 - m.get("process_start_time_seconds");
        assertThat(startedSecondsAgo).isBetween(0.0, 3600.0);
        assertThat(m.get("process_files_open_files")).isPositive().isLessThan(m.get("process_files_max_files"));
        // beside what was there before
        assertThat(m).containsKey("hikaricp_connections_active{pool=\"openluffy\"}")
                .containsKey("openluffy_logins_total{outcome=\"success\"}");
    }

    /** The sum of every series whose key starts with {@code prefix} (e.g. all heap pools). */
    private static double sum(Map<String, Double> samples, String prefix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
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
