package io.openluffy.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.openluffy.api.auth.AuthService;
import io.openluffy.api.auth.Principal;
import io.openluffy.api.errors.ForbiddenException;
import io.openluffy.api.errors.UnauthorizedException;

import java.util.Set;

/** Runs before every matched route: authenticates the bearer credential and enforces the route's {@link Access}. */
final class AccessFilter implements Handler {
    private static final String PRINCIPAL = "openluffy.principal";
    private static final String BEARER = "Bearer ";

    private final AuthService auth;

    AccessFilter(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        Set<?> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
            return;
        }
        String bearer = bearer(ctx);
        if (roles.contains(Access.BOOTSTRAP)) {
            auth.authorizeBootstrap(bearer);
            return;
        }
        if (bearer == null) {
            throw new UnauthorizedException("Authentication required: send 'Authorization: Bearer <token>'.");
        }
        Principal principal = auth.authenticate(bearer);
        if (roles.contains(Access.ADMIN) && !principal.isAdmin()) {
            throw new ForbiddenException("This action requires the admin role.");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /** The caller authenticated by this filter; only valid on routes that are not {@link Access#PUBLIC}. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route " + ctx.path() + " is public but needs a principal");
        }
        return p;
    }
}
