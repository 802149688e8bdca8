package io.openluffy.api.users;

/** What creating a user takes; {@code role} is null for bootstrap (always admin) and defaults to viewer otherwise. */
public record NewUser(String email, String password, String firstName, String lastName, String role) {
    /** Never prints the password. */
    @Override
    public String toString() {
        return "NewUser[email=" + email + ", role=" + role + "]";
    }
}
