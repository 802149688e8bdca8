package io.openluffy.api.users;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
import io.openluffy.api.db.UserRecord;
import io.openluffy.api.db.UserRepository;
import io.openluffy.api.errors.ConflictException;
import io.openluffy.api.errors.ForbiddenException;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.NotFoundException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Users and their passwords: validation, hashing, and the rule that an instance always keeps one admin. */
public final class UserService {
    public static final String BOOTSTRAP_DONE = "Bootstrap already complete. This instance has been initialized.";
    private static final int MAX_NAME = 100;
    private static final String EMAIL_TAKEN = "A user with this email already exists.";

    private final UserRepository users;
    private final PasswordHasher hasher;

    public UserService(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    /** Creates the first admin; refused once any user exists, however many requests race for it. */
    public User createFirstAdmin(NewUser request) {
        // cheap answer for the common case (operator re-applies, restarts) before validating and hashing
        if (users.anyExists()) {
            throw new ForbiddenException(BOOTSTRAP_DONE);
        }
        UserRecord record = newRecord(request, Role.ADMIN);
        if (!users.insertIfNoUsers(record)) {
            throw new ForbiddenException(BOOTSTRAP_DONE);
        }
        return User.from(record);
    }

    public User create(Actor actor, NewUser request) {
        Role role = request.role() == null ? Role.VIEWER : Role.parse(request.role());
        UserRecord record = newRecord(request, role);
        User user = User.from(record);
        if (users.insert(record, UserAuditTrail.created(actor, user)) == UserRepository.Outcome.EMAIL_TAKEN) {
            throw new ConflictException(EMAIL_TAKEN);
        }
        return user;
    }

    public List<User> list() {
        return users.findAll().stream().map(User::from).toList();
    }

    public User get(UUID id) {
        return User.from(users.findById(id).orElseThrow(UserService::notFound));
    }

    /** Applies the changes; a new password or role ends the user's sessions, so old tokens stop working. */
    public User update(Actor actor, UUID id, UserChanges changes) {
        UserRecord current = users.findById(id).orElseThrow(UserService::notFound);
        String password = changes.password();
        if (password != null) {
            PasswordPolicy.check(password);
        }
        UserRecord updated = new UserRecord(id,
                changes.email() == null ? current.email() : email(changes.email()),
                password == null ? current.passwordHash() : hasher.hash(password),
                changes.firstName() == null ? current.firstName() : name("first_name", changes.firstName()),
                changes.lastName() == null ? current.lastName() : name("last_name", changes.lastName()),
                changes.role() == null ? current.role() : Role.parse(changes.role()),
                current.createdAt(), current.lastLoginAt(), current.disabledAt());
        User before = User.from(current);
        User after = User.from(updated);
        switch (users.update(updated, UserAuditTrail.updated(actor, before, after, password != null))) {
            case NOT_FOUND -> throw notFound();
            case EMAIL_TAKEN -> throw new ConflictException(EMAIL_TAKEN);
            case REFUSED -> throw new ConflictException(
                    "This is the last admin: promote another user to admin before demoting this one.");
            default -> {
            }
        }
        return after;
    }

    public void delete(Actor actor, UUID id) {
        User user = get(id);
        switch (users.delete(id, UserAuditTrail.of(actor, AuditAction.USER_DELETED, user))) {
            case NOT_FOUND -> throw notFound();
            case REFUSED -> throw new ConflictException(
                    "This is the last admin: promote another user to admin before deleting this one.");
            default -> {
            }
        }
    }

    private UserRecord newRecord(NewUser request, Role role) {
        String email = email(request.email());
        PasswordPolicy.check(request.password());
        return new UserRecord(UUID.randomUUID(), email, hasher.hash(request.password()),
                name("first_name", request.firstName()), name("last_name", request.lastName()), role,
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, null);
    }

    private static String email(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("email is required");
        }
        return EmailAddress.canonical(raw);
    }

    private static String name(String field, String raw) {
        String value = raw == null ? "" : raw.trim();
        if (value.length() > MAX_NAME) {
            throw new InvalidInputException(field + " must be at most " + MAX_NAME + " characters long");
        }
        return value;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("User not found.");
    }
}
