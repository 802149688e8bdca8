package io.openluffy.api.http;

import io.javalin.http.Context;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness (the process answers) and readiness (the database answers too). */
final class HealthHandler {
    private final BooleanSupplier databaseReachable;

    HealthHandler(BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
    }

    void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        if (databaseReachable.getAsBoolean()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ErrorMapping.detail(ctx, 503, "Database unreachable.");
        }
    }
}
