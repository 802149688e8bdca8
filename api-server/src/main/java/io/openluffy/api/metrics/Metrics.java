package io.openluffy.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/**
 * The server's meters, exported in Prometheus text format. Tags are bounded sets only (route templates, status
 * codes, fixed outcomes), never raw paths or user input, so the number of series stays small.
 */
public final class Metrics {
    /** Outcomes of {@code POST /v1/auth/login}. */
    public enum LoginOutcome { SUCCESS, FAILURE, THROTTLED }

    /** Outcomes of {@code POST /v1/auth/bootstrap/create-admin}; UNAUTHORIZED: without the bootstrap token. */
    public enum BootstrapOutcome { CREATED, ALREADY_INITIALIZED, UNAUTHORIZED, REJECTED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        // registered up front so that dashboards and alerts see zeros rather than missing series
        for (LoginOutcome o : LoginOutcome.values()) {
            loginCounter(o);
        }
        for (BootstrapOutcome o : BootstrapOutcome.values()) {
            bootstrapCounter(o);
        }
    }

    /** For other instrumented components (the connection pool). */
    public MeterRegistry registry() {
        return registry;
    }

    public void request(String method, String route, int status, Duration duration) {
        Timer.builder("openluffy.http.server.requests")
                .description("HTTP requests by route template, method and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(duration);
    }

    public void login(LoginOutcome outcome) {
        loginCounter(outcome).increment();
    }

    public void bootstrap(BootstrapOutcome outcome) {
        bootstrapCounter(outcome).increment();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    private Counter loginCounter(LoginOutcome outcome) {
        return Counter.builder("openluffy.logins").description("Login attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }

    private Counter bootstrapCounter(BootstrapOutcome outcome) {
        return Counter.builder("openluffy.bootstrap").description("First-admin bootstrap calls by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
}
