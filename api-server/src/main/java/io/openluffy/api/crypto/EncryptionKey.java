package io.openluffy.api.crypto;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An AES-256 key and its id. The id is derived from the key (a truncated SHA-256 of a domain tag and the key), so
 * operators never have to name keys, and a row's key id tells which configured key sealed it.
 */
public record EncryptionKey(String id, SecretKey key) {
    public static final int BYTES = 32;

    public static EncryptionKey of(byte[] raw) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("AES-256 needs a " + BYTES + "-byte key, got " + raw.length);
        }
        return new EncryptionKey(idOf(raw), new SecretKeySpec(raw, "AES"));
    }

    private static String idOf(byte[] raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("openluffy-encryption-key-id:".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // 64 bits: enough to tell a handful of keys apart, far too little to learn anything about the key
            return "k" + HexFormat.of().formatHex(sha.digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + id + "]";
    }
}
