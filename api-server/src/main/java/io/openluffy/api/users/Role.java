package io.openluffy.api.users;

import io.openluffy.api.errors.InvalidInputException;

import java.util.Locale;

/** What a user may do: admins manage users; viewers read. */
public enum Role {
    ADMIN, VIEWER;

    /** The name used in JSON and in the database. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role r : values()) {
            if (r.value().equals(value)) {
                return r;
            }
        }
        throw new InvalidInputException("role must be 'admin' or 'viewer'");
    }
}
