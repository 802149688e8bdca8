package io.openluffy.api.errors;

/** The caller is not authenticated, or its credentials are invalid (401). */
public class UnauthorizedException extends ApiException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
