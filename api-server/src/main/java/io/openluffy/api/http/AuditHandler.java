package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.errors.InvalidInputException;

/** {@code GET /v1/audit?limit=&offset=&action=}: the audit log, newest first, admins only. */
final class AuditHandler {
    private final AuditLog audit;

    AuditHandler(AuditLog audit) {
        this.audit = audit;
    }

    void page(Context ctx) {
        String action = ctx.queryParam("action");
        ctx.json(Views.AuditPageView.of(audit.page(intParam(ctx, "limit", AuditLog.DEFAULT_LIMIT),
                intParam(ctx, "offset", 0), action == null || action.isBlank() ? null : action.trim())));
    }

    void actions(Context ctx) {
        ctx.json(audit.actions());
    }

    private static int intParam(Context ctx, String name, int defaultValue) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a whole number");
        }
    }
}
