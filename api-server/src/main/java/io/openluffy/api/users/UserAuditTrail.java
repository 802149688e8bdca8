package io.openluffy.api.users;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.db.AuditAppend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The audit entries of user and API-token changes (which change it was, never a password or token), handed to the
 * repository so that each is written in the transaction of its change.
 */
public final class UserAuditTrail {
    private UserAuditTrail() {
    }

    static AuditAppend created(Actor actor, User user) {
        return AuditLog.entry(actor, AuditAction.USER_CREATED, target(user) + " as " + user.role().value());
    }

    /** One entry per kind of change: role, password reset, other profile fields. */
    static List<AuditAppend> updated(Actor actor, User before, User after, boolean passwordReset) {
        List<AuditAppend> entries = new ArrayList<>();
        if (before.role() != after.role()) {
            entries.add(AuditLog.entry(actor, AuditAction.USER_ROLE_CHANGED,
                    target(after) + " from " + before.role().value() + " to " + after.role().value()));
        }
        if (passwordReset) {
            entries.add(AuditLog.entry(actor, AuditAction.USER_PASSWORD_RESET, target(after)));
        }
        if (!Objects.equals(before.email(), after.email()) || !Objects.equals(before.firstName(), after.firstName())
                || !Objects.equals(before.lastName(), after.lastName())) {
            entries.add(AuditLog.entry(actor, AuditAction.USER_UPDATED, target(after)
                    + (Objects.equals(before.email(), after.email()) ? "" : ", formerly " + before.email())));
        }
        return entries;
    }

    static AuditAppend of(Actor actor, AuditAction action, User user) {
        return AuditLog.entry(actor, action, target(user));
    }

    public static AuditAppend apiTokenCreated(Actor actor, UUID tokenId, String name) {
        return AuditLog.entry(actor, AuditAction.API_TOKEN_CREATED, "api token " + tokenId + " (" + name + ")");
    }

    public static AuditAppend apiTokenRevoked(Actor actor, UUID tokenId) {
        return AuditLog.entry(actor, AuditAction.API_TOKEN_REVOKED, "api token " + tokenId);
    }

    private static String target(User user) {
        return "user " + user.id() + " (" + user.email() + ")";
    }
}
