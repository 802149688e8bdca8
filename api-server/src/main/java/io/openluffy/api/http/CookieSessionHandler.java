package io.openluffy.api.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.openluffy.api.auth.AuthService;
import io.openluffy.api.auth.JwtCodec;
import io.openluffy.api.auth.LoginResult;
import io.openluffy.api.auth.TokenPair;
import io.openluffy.api.errors.ForbiddenException;
import io.openluffy.api.errors.UnauthorizedException;

/**
 * {@code /v1/auth/session/*}: the browser UI's sessions. The refresh token travels only in an HttpOnly,
 * SameSite=Strict cookie scoped to this path, so scripts never see it; bodies carry the access token alone.
 */
final class CookieSessionHandler {
    static final String PATH = "/v1/auth/session";
    static final String COOKIE = "openluffy_refresh";
    /**
     * A custom header cannot be sent cross-origin without a CORS preflight, which this server never grants, so
     * requiring it stops a forged form or image from riding on the cookie even where SameSite is not enforced.
     */
    static final String CSRF_HEADER = "X-OpenLuffy-UI";

    private final AuthService auth;
    private final JsonBody json;

    CookieSessionHandler(AuthService auth, JsonBody json) {
        this.auth = auth;
        this.json = json;
    }

    void requireUiHeader(Context ctx) {
        if (ctx.header(CSRF_HEADER) == null) {
            throw new ForbiddenException("Missing header " + CSRF_HEADER + ": browser sessions only accept requests "
                    + "from the OpenLuffy UI.");
        }
    }

    void bootstrap(Context ctx) {
        LoginResult result = auth.bootstrap(json.read(ctx, Requests.Bootstrap.class).toNewUser());
        ctx.status(201).json(open(ctx, result.tokens()));
    }

    void login(Context ctx) {
        Requests.Login body = json.read(ctx, Requests.Login.class);
        ctx.json(open(ctx, auth.login(body.email(), body.password(), ctx.ip())));
    }

    /** 204 when there is no cookie: a first visit is not an error. A refused cookie is removed. */
    void refresh(Context ctx) {
        String refreshToken = ctx.cookie(COOKIE);
        if (refreshToken == null) {
            ctx.status(204);
            return;
        }
        try {
            ctx.json(open(ctx, auth.refresh(refreshToken)));
        } catch (UnauthorizedException e) {
            ctx.cookie(cookie(ctx, "", 0));
            throw e;
        }
    }

    void logout(Context ctx) {
        String refreshToken = ctx.cookie(COOKIE);
        String bearer = AccessFilter.bearer(ctx);
        ctx.cookie(cookie(ctx, "", 0));
        if (refreshToken != null || bearer != null) {
            auth.logout(refreshToken, bearer);
        }
        ctx.status(204);
    }

    private static Views.Session open(Context ctx, TokenPair tokens) {
        ctx.cookie(cookie(ctx, tokens.refreshToken(), (int) JwtCodec.REFRESH_TTL.toSeconds()));
        return new Views.Session(tokens.accessToken(), "bearer", tokens.expiresIn());
    }

    private static Cookie cookie(Context ctx, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setPath(PATH);
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        // TLS usually ends at the Ingress, which says so in X-Forwarded-Proto; a forged value only makes the
        // caller's own cookie stricter
        cookie.setSecure("https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
        return cookie;
    }

}
