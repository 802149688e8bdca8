package io.openluffy.api.integrations;

import java.time.Instant;

/**
 * A configured integration as the service hands it out (the API answers with {@code http.Views.IntegrationView}): its
 * token only as "set".
 */
public record Integration(String kind, String url, boolean insecureSkipTlsVerify, boolean tokenSet, Instant updatedAt,
                          String updatedBy) {
}
