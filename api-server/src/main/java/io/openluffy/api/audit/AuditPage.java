package io.openluffy.api.audit;

import java.util.List;

/** A page of the audit log, newest first, with the total number of entries. */
public record AuditPage(List<AuditEntry> items, long total, int limit, int offset) {
}
