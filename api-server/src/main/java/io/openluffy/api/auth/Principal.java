package io.openluffy.api.auth;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.users.Role;
import io.openluffy.api.users.User;

import java.util.UUID;

/**
 * Who is calling, with the user's current role (read from the database on every request, so a role change applies
 * at once). {@code sessionId} is null when the caller used an API token.
 */
public record Principal(User user, UUID sessionId) {
    public boolean isAdmin() {
        return user.role() == Role.ADMIN;
    }

    /** The caller as the audit log names them. */
    public Actor actor() {
        return new Actor(user.id(), user.email());
    }
}
