package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.integrations.ArgoCdSettings;
import io.openluffy.api.integrations.IntegrationService;
import io.openluffy.api.integrations.ProbeResult;

import java.util.Locale;

/** {@code /v1/integrations}: admins configure and test; tokens are never returned. */
final class IntegrationHandler {
    record ArgoCdBody(String url, String token, Boolean insecureSkipTlsVerify) {
        @Override
        public String toString() {
            return "ArgoCdBody[url=" + url + "]";
        }
    }

    record ProbeView(String status, String reason, String version) {
        static ProbeView of(ProbeResult r) {
            return new ProbeView(r.status().name().toLowerCase(Locale.ROOT), r.reason(), r.version());
        }
    }

    private final IntegrationService integrations;
    private final JsonBody json;

    IntegrationHandler(IntegrationService integrations, JsonBody json) {
        this.integrations = integrations;
        this.json = json;
    }

    void list(Context ctx) {
        ctx.json(integrations.list());
    }

    void getArgoCd(Context ctx) {
        ctx.json(integrations.getArgoCd());
    }

    void putArgoCd(Context ctx) {
        ArgoCdBody body = json.read(ctx, ArgoCdBody.class);
        ctx.json(integrations.putArgoCd(AccessFilter.principal(ctx).actor(),
                new ArgoCdSettings(body.url(), body.token(), body.insecureSkipTlsVerify())));
    }

    void deleteArgoCd(Context ctx) {
        integrations.deleteArgoCd(AccessFilter.principal(ctx).actor());
        ctx.status(204);
    }

    void testArgoCd(Context ctx) {
        ctx.json(ProbeView.of(integrations.testArgoCd()));
    }
}
