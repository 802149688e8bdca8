package io.openluffy.api.db;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code audit_log}. */
public record AuditRecord(long id, Instant occurredAt, UUID actorId, String actorEmail, String action, String target) {
}
