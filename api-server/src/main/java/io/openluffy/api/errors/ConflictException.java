package io.openluffy.api.errors;

/** The request contradicts the current state, e.g. removing the last admin (409). */
public class ConflictException extends ApiException {
    public ConflictException(String message) {
        super(message);
    }
}
