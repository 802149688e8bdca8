package io.openluffy.api.http;

import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpFields;

/**
 * Headers on every answer: no MIME sniffing; and no caching of API answers, which carry tokens (RFC 6749 §5.1)
 * and user data (static files of the UI may be cached).
 */
final class SecurityHeaders {
    private SecurityHeaders() {
    }

    static void addTo(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        if (ctx.path().startsWith("/v1/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    static void addTo(HttpFields.Mutable fields) {
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put("Cache-Control", "no-store");
    }
}
