package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.auth.ApiToken;
import io.openluffy.api.auth.ApiTokenService;
import io.openluffy.api.users.UserAuditTrail;

import java.util.UUID;

/** {@code /v1/auth/tokens}: each user manages their own API tokens. */
final class ApiTokenHandler {
    private final ApiTokenService tokens;
    private final UserAuditTrail audit;
    private final JsonBody json;

    ApiTokenHandler(ApiTokenService tokens, UserAuditTrail audit, JsonBody json) {
        this.tokens = tokens;
        this.audit = audit;
        this.json = json;
    }

    void create(Context ctx) {
        String name = json.read(ctx, Requests.CreateApiToken.class).name();
        ApiToken token = tokens.create(AccessFilter.principal(ctx), name);
        audit.apiTokenCreated(Actors.of(ctx), token.id(), token.name());
        ctx.status(201).json(Views.ApiTokenView.of(token));
    }

    void list(Context ctx) {
        ctx.json(tokens.list(AccessFilter.principal(ctx)).stream().map(Views.ApiTokenView::of).toList());
    }

    void listOfUser(Context ctx) {
        ctx.json(tokens.listOf(PathParams.id(ctx)).stream().map(Views.ApiTokenView::of).toList());
    }

    void revoke(Context ctx) {
        UUID id = PathParams.id(ctx);
        tokens.revoke(AccessFilter.principal(ctx), id);
        audit.apiTokenRevoked(Actors.of(ctx), id);
        ctx.status(204);
    }
}
