package io.openluffy.api.errors;

/**
 * A failure a client can act on. Services throw subclasses; the HTTP layer maps each kind to one status code,
 * and the message becomes the response's {@code detail}, so it must never contain a secret.
 */
public abstract class ApiException extends RuntimeException {
    protected ApiException(String message) {
        super(message, null, false, false);
    }
}
