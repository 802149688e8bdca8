package io.openluffy.api.audit;

import java.time.Instant;
import java.util.UUID;

/** One audit log entry. */
public record AuditEntry(long id, Instant time, UUID actorId, String actorEmail, String action, String target) {
}
