package io.openluffy.api.users;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.db.AccountRepository;
import io.openluffy.api.db.UserRecord;
import io.openluffy.api.db.UserRepository;
import io.openluffy.api.errors.ConflictException;
import io.openluffy.api.errors.ForbiddenException;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.NotFoundException;

import java.util.UUID;

/** What happens to an account besides its profile: disabling, enabling, and a user changing their own password. */
public final class AccountService {
    private final UserRepository users;
    private final AccountRepository accounts;
    /** Wrong current passwords spend the same budget as failed logins. */
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public AccountService(UserRepository users, AccountRepository accounts, LoginThrottle throttle,
                          PasswordHasher hasher, AuditLog audit) {
        this.users = users;
        this.accounts = accounts;
        this.throttle = throttle;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** The user can no longer log in, and their sessions and API tokens stop working at once. */
    public User disable(Actor actor, UUID id) {
        if (actor.id().equals(id)) {
            throw new ConflictException("You cannot disable your own account.");
        }
        apply(id, true);
        User user = get(id);
        audit.record(actor, AuditAction.USER_DISABLED, UserAuditTrail.target(user));
        return user;
    }

    /** The user can log in again; API tokens work again, sessions ended by disabling stay ended. */
    public User enable(Actor actor, UUID id) {
        apply(id, false);
        User user = get(id);
        audit.record(actor, AuditAction.USER_ENABLED, UserAuditTrail.target(user));
        return user;
    }

    /**
     * Needs the current password; ends the user's other sessions ({@code currentSession} may be null: all).
     * A stolen access token must not become a password oracle, so wrong guesses are throttled like logins.
     */
    public void changeOwnPassword(UUID userId, UUID currentSession, String currentPassword, String newPassword,
                                  String clientAddress) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidInputException("current_password is required");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            throw new InvalidInputException("new_password is required");
        }
        UserRecord user = users.findById(userId).orElseThrow(() -> new NotFoundException("User not found."));
        if (!throttle.check(user.email(), clientAddress,
                "Too many failed password checks for this account. Try again later.",
                () -> hasher.verify(currentPassword, user.passwordHash()))) {
            throw new ForbiddenException("The current password is incorrect.");
        }
        PasswordPolicy.check(newPassword);
        accounts.changePassword(userId, hasher.hash(newPassword), currentSession);
        audit.record(new Actor(user.id(), user.email()), AuditAction.USER_PASSWORD_CHANGED,
                UserAuditTrail.target(User.from(user)));
    }

    private void apply(UUID id, boolean disabled) {
        switch (accounts.setDisabled(id, disabled)) {
            case NOT_FOUND -> throw new NotFoundException("User not found.");
            case REFUSED -> throw new ConflictException(
                    "This is the last admin: promote or enable another admin before disabling this one.");
            default -> {
            }
        }
    }

    private User get(UUID id) {
        return User.from(users.findById(id).orElseThrow(() -> new NotFoundException("User not found.")));
    }
}
