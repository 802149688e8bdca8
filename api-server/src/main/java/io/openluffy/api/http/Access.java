package io.openluffy.api.http;

import io.javalin.security.RouteRole;

/** Who may call a route; every route declares exactly one. */
public enum Access implements RouteRole {
    /** No credentials needed (health, bootstrap, login, refresh). */
    PUBLIC,
    /** Any authenticated user, admin or viewer. */
    USER,
    /** Admins only; viewers get 403. */
    ADMIN
}
