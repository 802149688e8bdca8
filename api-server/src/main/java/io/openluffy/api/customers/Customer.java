package io.openluffy.api.customers;

import java.time.Instant;
import java.util.UUID;

/** A customer as clients see it; never with its GitHub token. */
public record Customer(UUID id, String name, String description, String githubOrg, Instant createdAt,
                       Instant updatedAt, GithubTokenStatus githubToken) {
}
