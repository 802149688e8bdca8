package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.auth.AuthService;
import io.openluffy.api.auth.LoginResult;

import java.util.Map;

/** {@code /v1/auth/*} session endpoints: HTTP only, the work is in {@link AuthService}. */
final class AuthHandler {
    private final AuthService auth;
    private final JsonBody json;

    AuthHandler(AuthService auth, JsonBody json) {
        this.auth = auth;
        this.json = json;
    }

    void bootstrap(Context ctx) {
        LoginResult result = auth.bootstrap(json.read(ctx, Requests.Bootstrap.class).toNewUser());
        ctx.status(201).json(Views.BootstrapView.of(result.user(), result.tokens()));
    }

    /** Whether the first admin can still be created, so the UI knows to offer it. */
    void bootstrapStatus(Context ctx) {
        ctx.json(Map.of("available", auth.bootstrapAvailable()));
    }

    void login(Context ctx) {
        Requests.Login body = json.read(ctx, Requests.Login.class);
        ctx.json(Views.TokensView.of(auth.login(body.email(), body.password(), ctx.ip())));
    }

    void refresh(Context ctx) {
        ctx.json(Views.TokensView.of(auth.refresh(json.read(ctx, Requests.RefreshToken.class).refreshToken())));
    }

    /** Body {@code {"refresh_token": ...}}, or no body and the access token in the Authorization header. */
    void logout(Context ctx) {
        String refreshToken = ctx.bodyAsBytes().length == 0 ? null
                : json.read(ctx, Requests.RefreshToken.class).refreshToken();
        auth.logout(refreshToken, AccessFilter.bearer(ctx));
        ctx.status(204);
    }

    void me(Context ctx) {
        ctx.json(Views.UserView.of(AccessFilter.principal(ctx).user()));
    }
}
