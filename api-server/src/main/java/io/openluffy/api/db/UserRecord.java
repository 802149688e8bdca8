package io.openluffy.api.db;

import io.openluffy.api.users.Role;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
public record UserRecord(UUID id, String email, String passwordHash, String firstName, String lastName,
                         Role role, Instant createdAt, Instant lastLoginAt, Instant disabledAt) {
}
