package io.openluffy.api.db;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code api_tokens}, without the hash. */
public record ApiTokenRecord(UUID id, UUID userId, String name, Instant createdAt, Instant lastUsedAt) {
}
