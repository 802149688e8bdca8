package io.openluffy.api.users;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
import io.openluffy.api.audit.AuditLog;

import java.util.Objects;
import java.util.UUID;

/** Turns user and API-token management into audit entries: which change it was, never the password itself. */
public final class UserAuditTrail {
    private final AuditLog audit;

    public UserAuditTrail(AuditLog audit) {
        this.audit = audit;
    }

    public void created(Actor actor, User user) {
        audit.record(actor, AuditAction.USER_CREATED, target(user) + " as " + user.role().value());
    }

    /** One entry per kind of change: role, password reset, other profile fields. */
    public void updated(Actor actor, User before, User after, boolean passwordReset) {
        if (before.role() != after.role()) {
            audit.record(actor, AuditAction.USER_ROLE_CHANGED,
                    target(after) + " from " + before.role().value() + " to " + after.role().value());
        }
        if (passwordReset) {
            audit.record(actor, AuditAction.USER_PASSWORD_RESET, target(after));
        }
        if (!Objects.equals(before.email(), after.email()) || !Objects.equals(before.firstName(), after.firstName())
                || !Objects.equals(before.lastName(), after.lastName())) {
            audit.record(actor, AuditAction.USER_UPDATED, target(after)
                    + (Objects.equals(before.email(), after.email()) ? "" : ", formerly " + before.email()));
        }
    }

    public void deleted(Actor actor, User user) {
        audit.record(actor, AuditAction.USER_DELETED, target(user));
    }

    public void apiTokenCreated(Actor actor, UUID tokenId, String name) {
        audit.record(actor, AuditAction.API_TOKEN_CREATED, "api token " + tokenId + " (" + name + ")");
    }

    public void apiTokenRevoked(Actor actor, UUID tokenId) {
        audit.record(actor, AuditAction.API_TOKEN_REVOKED, "api token " + tokenId);
    }

    static String target(User user) {
        return "user " + user.id() + " (" + user.email() + ")";
    }
}
