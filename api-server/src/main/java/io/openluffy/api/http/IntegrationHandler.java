package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.integrations.ArgoCdSettings;
import io.openluffy.api.integrations.IntegrationService;

/** {@code /v1/integrations}: admins configure and test; tokens are never returned. */
final class IntegrationHandler {
    private final IntegrationService integrations;
    private final JsonBody json;

    IntegrationHandler(IntegrationService integrations, JsonBody json) {
        this.integrations = integrations;
        this.json = json;
    }

    void list(Context ctx) {
        ctx.json(Views.IntegrationView.of(integrations.list()));
    }

    void getArgoCd(Context ctx) {
        ctx.json(Views.IntegrationView.of(integrations.getArgoCd()));
    }

    void putArgoCd(Context ctx) {
        Requests.ArgoCdBody body = json.read(ctx, Requests.ArgoCdBody.class);
        ctx.json(Views.IntegrationView.of(integrations.putArgoCd(AccessFilter.principal(ctx).actor(),
                new ArgoCdSettings(body.url(), body.token(), body.insecureSkipTlsVerify()))));
    }

    void deleteArgoCd(Context ctx) {
        integrations.deleteArgoCd(AccessFilter.principal(ctx).actor());
        ctx.status(204);
    }

    void testArgoCd(Context ctx) {
        ctx.json(Views.ProbeView.of(integrations.testArgoCd()));
    }
}
