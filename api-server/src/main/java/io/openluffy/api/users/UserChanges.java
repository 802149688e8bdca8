package io.openluffy.api.users;

/** A partial update: null fields stay as they are. */
public record UserChanges(String email, String password, String firstName, String lastName, String role) {
    /** Never prints the password. */
    @Override
    public String toString() {
        return "UserChanges[email=" + email + ", role=" + role + "]";
    }
}
