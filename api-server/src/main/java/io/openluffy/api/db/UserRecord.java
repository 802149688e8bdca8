package io.openluffy.api.db;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
public record UserRecord(UUID id, String email, String passwordHash, String firstName, String lastName,
                         String role, Instant createdAt, Instant lastLoginAt, Instant disabledAt) {
}
