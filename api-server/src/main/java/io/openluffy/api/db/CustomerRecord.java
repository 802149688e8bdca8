package io.openluffy.api.db;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code customers}; {@code githubTokenSetAt} is when its GitHub token was stored (null: none). */
public record CustomerRecord(UUID id, String name, String description, String githubOrg, Instant createdAt,
                             Instant updatedAt, Instant githubTokenSetAt) {
}
