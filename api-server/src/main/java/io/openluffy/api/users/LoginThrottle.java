package io.openluffy.api.users;

import io.openluffy.api.db.LoginFailureRepository;
import io.openluffy.api.errors.TooManyRequestsException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one guard around every password check (login, and a user confirming their own password). Per hour:
 * at most {@code failuresPerHour} failures for one account from one client address; at most ten times that from
 * one client address over all accounts (password spraying); and at most ten times that for one account over all
 * addresses (a distributed guess). So one stranger cannot lock anybody out (their own address is what gets
 * blocked), while guesses at one account stay bounded however many addresses are used. Accounts and addresses are
 * stored as keyed hashes only.
 */
public final class LoginThrottle {
    static final Duration WINDOW = Duration.ofHours(1);
    /** How much more an address may fail over all accounts, and an account over all addresses. */
    private static final int WIDER_FACTOR = 10;

    private final LoginFailureRepository failures;
    private final LoginFailureRepository.Limits limits;
    private final SecretKeySpec key;

    /** {@code key}: for the keyed hashes; the same on every replica (derived from the JWT signing key). */
    public LoginThrottle(LoginFailureRepository failures, int failuresPerHour, byte[] key) {
        this.failures = failures;
        this.limits = new LoginFailureRepository.Limits(failuresPerHour, failuresPerHour * WIDER_FACTOR,
                failuresPerHour * WIDER_FACTOR, WINDOW);
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * Runs {@code check} unless the caller is blocked (429 with {@code blockedMessage}); a failed check is recorded
     * before it runs, so concurrent guesses count too; a success clears this client's failures for the account.
     */
    public boolean check(String canonicalEmail, String clientAddress, String blockedMessage, BooleanSupplier check) {
        byte[] account = hash("account", canonicalEmail);
        byte[] client = hash("client", clientAddress);
        LoginFailureRepository.Reservation attempt = failures.reserve(account, client, limits);
        if (attempt.blocked()) {
            throw new TooManyRequestsException(blockedMessage, attempt.blockedFor());
        }
        boolean ok = check.getAsBoolean();
        if (ok) {
            failures.release(account, client);
        }
        return ok;
    }

    private byte[] hash(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }
}
