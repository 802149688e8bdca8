package io.openluffy.api.errors;

import java.time.Duration;

/** The caller exceeded a rate limit (429); {@link #retryAfter()} says when trying again makes sense. */
public class TooManyRequestsException extends ApiException {
    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
