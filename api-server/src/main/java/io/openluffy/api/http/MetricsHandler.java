package io.openluffy.api.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.openluffy.api.metrics.Metrics;

import java.time.Duration;

/** Serves {@code GET /metrics} and feeds every finished request into the request meters. */
final class MetricsHandler {
    static final String LOGIN_ROUTE = "/v1/auth/login";
    static final String BOOTSTRAP_ROUTE = "/v1/auth/bootstrap/create-admin";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    MetricsHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }

    /** Called once per request, after the answer is written. */
    void observe(Context ctx, float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        metrics.request(ctx.method().name(), route, status, Duration.ofNanos(Math.round(millis * 1_000_000.0)));
        if (route.equals(LOGIN_ROUTE)) {
            metrics.login(status == 200 ? Metrics.LoginOutcome.SUCCESS
                    : status == 429 ? Metrics.LoginOutcome.THROTTLED : Metrics.LoginOutcome.FAILURE);
        } else if (route.equals(BOOTSTRAP_ROUTE)) {
            metrics.bootstrap(status == 201 ? Metrics.BootstrapOutcome.CREATED
                    : status == 403 ? Metrics.BootstrapOutcome.ALREADY_INITIALIZED
                    : status == 401 ? Metrics.BootstrapOutcome.UNAUTHORIZED : Metrics.BootstrapOutcome.REJECTED);
        }
    }

    /** The matched route's template (e.g. {@code /v1/customers/{id}}), never the raw path: ids would explode series. */
    private static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }
}
