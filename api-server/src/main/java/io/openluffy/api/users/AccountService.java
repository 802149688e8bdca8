package io.openluffy.api.users;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
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
    /** Wrong current passwords spend the same budget as failed logins. */
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;

    public AccountService(UserRepository users, LoginThrottle throttle, PasswordHasher hasher) {
        this.users = users;
        this.throttle = throttle;
        this.hasher = hasher;
    }

    /** The user can no longer log in, and their sessions and API tokens stop working at once. */
    public User disable(Actor actor, UUID id) {
        if (actor.id().equals(id)) {
            throw new ConflictException("You cannot disable your own account.");
        }
        return apply(actor, id, true);
    }

    /** The user can log in again; API tokens work again, sessions ended by disabling stay ended. */
    public User enable(Actor actor, UUID id) {
        return apply(actor, id, false);
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
        users.changePassword(userId, hasher.hash(newPassword), currentSession, UserAuditTrail.of(
                new Actor(user.id(), user.email()), AuditAction.USER_PASSWORD_CHANGED, User.from(user)));
    }

    /** The user as they are afterwards. */
    private User apply(Actor actor, UUID id, boolean disabled) {
        User before = get(id);
        AuditAction action = disabled ? AuditAction.USER_DISABLED : AuditAction.USER_ENABLED;
        switch (users.setDisabled(id, disabled, UserAuditTrail.of(actor, action, before))) {
            case NOT_FOUND -> throw new NotFoundException("User not found.");
            case REFUSED -> throw new ConflictException(
                    "This is the last admin: promote or enable another admin before disabling this one.");
            default -> {
            }
        }
        return get(id);
    }

    private User get(UUID id) {
        return User.from(users.findById(id).orElseThrow(() -> new NotFoundException("User not found.")));
    }
}
