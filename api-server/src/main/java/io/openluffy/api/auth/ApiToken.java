package io.openluffy.api.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * An API token's metadata; {@code token} holds the secret only in the answer to its creation, never afterwards.
 */
public record ApiToken(UUID id, String name, Instant createdAt, Instant lastUsedAt, String token) {
    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", name=" + name + "]";
    }
}
