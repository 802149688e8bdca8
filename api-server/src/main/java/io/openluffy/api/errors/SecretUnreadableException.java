package io.openluffy.api.errors;

/**
 * A stored secret failed to decrypt (tampered, copied from another row, or sealed under a key that is no longer
 * configured). A server-side fault (500), reported with the owner's name so an admin knows which secret to re-enter.
 */
public class SecretUnreadableException extends ApiException {
    public SecretUnreadableException(String message) {
        super(message);
    }
}
