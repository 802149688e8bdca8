package io.openluffy.api.crypto;

/**
 * An AES-256-GCM ciphertext as stored: the id of the key that sealed it, the 96-bit nonce, and the ciphertext with
 * the 128-bit authentication tag appended (the JDK's GCM output layout).
 */
public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    /** Never prints the bytes: a sealed value must not end up in logs either. */
    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + "]";
    }
}
