package io.openluffy.api.crypto;

import java.util.Optional;

/**
 * The keys this server can use: the current one seals everything new; the previous one (during a rotation) can
 * still open what it sealed until {@link KeyRotation} has re-sealed every row under the current key.
 */
public record KeyRing(EncryptionKey current, EncryptionKey previous) {
    public KeyRing {
        if (previous != null && previous.id().equals(current.id())) {
            previous = null;
        }
    }

    public static KeyRing of(byte[] current, byte[] previous) {
        return new KeyRing(EncryptionKey.of(current), previous == null ? null : EncryptionKey.of(previous));
    }

    public Optional<EncryptionKey> byId(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous != null && previous.id().equals(id) ? Optional.of(previous) : Optional.empty();
    }
}
