package io.openluffy.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The server's meters, exported in Prometheus text format. Tags are bounded sets only (route templates, status
 * codes, fixed outcomes), never raw paths or user input, so the number of series stays small.
 */
public final class Metrics implements AutoCloseable {
    /** Outcomes of {@code POST /v1/auth/login}. */
    public enum LoginOutcome { SUCCESS, FAILURE, THROTTLED }

    /** Outcomes of {@code POST /v1/auth/bootstrap/create-admin}; UNAUTHORIZED: without the bootstrap token. */
    public enum BootstrapOutcome { CREATED, ALREADY_INITIALIZED, UNAUTHORIZED, REJECTED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Listens to the JVM's GC notifications until closed. */
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        // the JVM and the process, as every JVM service exports them (names: the README's "Metrics")
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("openluffy.build.info", () -> 1).description("The running build; its version is the label")
                .tag("version", BuildInfo.load().version()).strongReference(true).register(registry);
        // registered up front so that dashboards and alerts see zeros rather than missing series
        for (LoginOutcome o : LoginOutcome.values()) {
            loginCounter(o);
        }
        for (BootstrapOutcome o : BootstrapOutcome.values()) {
            bootstrapCounter(o);
        }
    }

    /** {@code openluffy_database_ready}: 1 while {@code readiness} (what /readyz checks) holds, asked at each scrape. */
    public void databaseReadiness(BooleanSupplier readiness) {
        Gauge.builder("openluffy.database.ready", () -> readiness.getAsBoolean() ? 1 : 0)
                .description("1 while the database answers (as /readyz), else 0").strongReference(true)
                .register(registry);
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

    @Override
    public void close() {
        gc.close();
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
