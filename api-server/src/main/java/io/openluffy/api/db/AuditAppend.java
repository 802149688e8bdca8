package io.openluffy.api.db;

import java.util.UUID;

/** An audit entry to write in the transaction of the change it records, so neither exists without the other. */
public record AuditAppend(UUID actorId, String actorEmail, String action, String target) {
}
