package io.openluffy.api.auth;

import io.openluffy.api.users.User;

/** A created user together with the tokens of its first session (bootstrap). */
public record LoginResult(User user, TokenPair tokens) {
}
