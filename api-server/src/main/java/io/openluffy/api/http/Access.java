package io.openluffy.api.http;

import io.javalin.security.RouteRole;

/** Who may call a route; every route declares exactly one. */
public enum Access implements RouteRole {
    /** No credentials needed (health, bootstrap, login, refresh). */
    PUBLIC,
    /**
     * Creating the first admin: anyone while no bootstrap token is configured, else only a caller presenting it as
     * {@code Authorization: Bearer}; that header is never read as a session or API token here.
     */
    BOOTSTRAP,
    /** Any authenticated user, admin or viewer. */
    USER,
    /** Admins only; viewers get 403. */
    ADMIN
}
