package io.openluffy.api.db;

import java.time.Instant;

/** A row of {@code integrations}, and whether a token is stored for it. */
public record IntegrationRecord(String kind, String url, boolean insecureSkipTlsVerify, boolean tokenSet,
                                Instant updatedAt, String updatedBy) {
}
