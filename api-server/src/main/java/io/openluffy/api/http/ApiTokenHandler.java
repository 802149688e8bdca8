package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.auth.ApiTokenService;

/** {@code /v1/auth/tokens}: each user manages their own API tokens; admins list and revoke anyone's. */
final class ApiTokenHandler {
    private final ApiTokenService tokens;
    private final JsonBody json;

    ApiTokenHandler(ApiTokenService tokens, JsonBody json) {
        this.tokens = tokens;
        this.json = json;
    }

    void create(Context ctx) {
        String name = json.read(ctx, Requests.CreateApiToken.class).name();
        ctx.status(201).json(Views.ApiTokenView.of(tokens.create(AccessFilter.principal(ctx), name)));
    }

    void list(Context ctx) {
        ctx.json(tokens.list(AccessFilter.principal(ctx)).stream().map(Views.ApiTokenView::of).toList());
    }

    void listOfUser(Context ctx) {
        ctx.json(tokens.listOf(PathParams.id(ctx)).stream().map(Views.ApiTokenView::of).toList());
    }

    void revoke(Context ctx) {
        tokens.revoke(AccessFilter.principal(ctx), PathParams.id(ctx));
        ctx.status(204);
    }
}
