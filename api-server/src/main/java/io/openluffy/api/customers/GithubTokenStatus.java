package io.openluffy.api.customers;

import java.time.Instant;

/** What may be said about a stored GitHub token: whether it is set, since when, and its last four characters. */
public record GithubTokenStatus(boolean set, Instant setAt, String last4) {
    static final GithubTokenStatus NONE = new GithubTokenStatus(false, null, null);
}
