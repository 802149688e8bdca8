package io.openluffy.api.audit;

import io.openluffy.api.db.AuditAppend;
import io.openluffy.api.db.AuditRepository;
import io.openluffy.api.errors.InvalidInputException;

import java.util.Arrays;
import java.util.List;

/**
 * The audit trail of admin actions. Targets are described by id and name only: callers must never pass a secret.
 */
public final class AuditLog {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final AuditRepository entries;

    public AuditLog(AuditRepository entries) {
        this.entries = entries;
    }

    /** An entry for a repository to append in the transaction of the change it records. */
    public static AuditAppend entry(Actor actor, AuditAction action, String target) {
        return new AuditAppend(actor.id(), actor.email(), action.value(), target);
    }

    /** A page of entries, all of them or those of one action (by its stored name, e.g. {@code user.created}). */
    public AuditPage page(int limit, int offset, String action) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be from 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new InvalidInputException("offset must not be negative");
        }
        if (action != null && !actions().contains(action)) {
            throw new InvalidInputException("action must be one of " + actions());
        }
        var items = entries.page(limit, offset, action).stream()
                .map(r -> new AuditEntry(r.id(), r.occurredAt(), r.actorId(), r.actorEmail(), r.action(), r.target()))
                .toList();
        return new AuditPage(items, entries.count(action), limit, offset);
    }

    /** The names of every audited action, for filters. */
    public List<String> actions() {
        return Arrays.stream(AuditAction.values()).map(AuditAction::value).toList();
    }
}
