package io.openluffy.api.http;

import io.openluffy.api.customers.CustomerInput;
import io.openluffy.api.users.NewUser;
import io.openluffy.api.users.UserChanges;

/** The JSON shapes of request bodies; values are validated by the services. */
final class Requests {
    private Requests() {
    }

    record CreateUser(String email, String password, String firstName, String lastName, String role) {
        NewUser toNewUser() {
            return new NewUser(email, password, firstName, lastName, role);
        }

        @Override
        public String toString() {
            return "CreateUser[email=" + email + "]";
        }
    }

    record Bootstrap(String email, String password, String firstName, String lastName) {
        NewUser toNewUser() {
            return new NewUser(email, password, firstName, lastName, null);
        }

        @Override
        public String toString() {
            return "Bootstrap[email=" + email + "]";
        }
    }

    record UpdateUser(String email, String password, String firstName, String lastName, String role) {
        UserChanges toChanges() {
            return new UserChanges(email, password, firstName, lastName, role);
        }

        @Override
        public String toString() {
            return "UpdateUser[email=" + email + ", role=" + role + "]";
        }
    }

    record Login(String email, String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    record RefreshToken(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshToken[]";
        }
    }

    record CreateApiToken(String name) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    record CustomerBody(String name, String description, String githubOrg) {
        CustomerInput toInput() {
            return new CustomerInput(name, description, githubOrg);
        }
    }

    record GithubTokenBody(String token) {
        @Override
        public String toString() {
            return "GithubTokenBody[]";
        }
    }

    record ArgoCdBody(String url, String token, Boolean insecureSkipTlsVerify) {
        @Override
        public String toString() {
            return "ArgoCdBody[url=" + url + "]";
        }
    }
}
