package io.openluffy.api.users;

import io.openluffy.api.errors.InvalidInputException;

/** Length rules only (NIST SP 800-63B): long passphrases are welcome, composition rules are not imposed. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** Generous, yet bounds the work one request can cause. */
    public static final int MAX_LENGTH = 1024;

    private PasswordPolicy() {
    }

    public static void check(String password) {
        if (password == null) {
            throw new InvalidInputException("password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException("password must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException("password must be at most " + MAX_LENGTH + " characters long");
        }
    }
}
