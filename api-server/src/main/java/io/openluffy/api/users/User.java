package io.openluffy.api.users;

import io.openluffy.api.db.UserRecord;

import java.time.Instant;
import java.util.UUID;

/** A user as services hand it out (the API answers with {@code http.Views.UserView}): never with the password hash. */
public record User(UUID id, String email, String firstName, String lastName, Role role, Instant createdAt,
                   Instant lastLoginAt, Instant disabledAt) {
    public static User from(UserRecord r) {
        return new User(r.id(), r.email(), r.firstName(), r.lastName(), r.role(), r.createdAt(),
                r.lastLoginAt(), r.disabledAt());
    }
}
