package io.openluffy.api.crypto;

/** A sealed value could not be opened: tampered, bound to another owner, or sealed under a key this server lacks. */
public final class DecryptionException extends Exception {
    public DecryptionException(String reason) {
        super(reason, null, false, false);
    }
}
