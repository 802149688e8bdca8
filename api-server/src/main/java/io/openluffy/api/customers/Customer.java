package io.openluffy.api.customers;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer as the service hands it out (the API answers with {@code http.Views.CustomerView}); never with its
 * GitHub token.
 */
public record Customer(UUID id, String name, String description, String githubOrg, Instant createdAt,
                       Instant updatedAt, GithubTokenStatus githubToken) {
}
