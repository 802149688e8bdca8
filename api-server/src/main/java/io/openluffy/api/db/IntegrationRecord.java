package io.openluffy.api.db;

import java.time.Instant;

/** A row of {@code integrations}. */
public record IntegrationRecord(String kind, String url, boolean insecureSkipTlsVerify, Instant updatedAt,
                                String updatedBy) {
}
