package io.openluffy.api.crypto;

import io.openluffy.api.db.AuditAppend;
import io.openluffy.api.db.SecretRepository;
import io.openluffy.api.db.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/** Encrypted secrets by binding: sealed on the way in, opened on the way out, never logged. */
public final class SecretVault {
    private static final Logger LOG = LoggerFactory.getLogger(SecretVault.class);

    private final SecretRepository secrets;
    private final SecretCipher cipher;

    public SecretVault(SecretRepository secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    /** Seals a value for {@code binding} without storing it, for repositories that store it with other rows. */
    public Sealed seal(String plaintext, String binding) {
        return cipher.seal(plaintext, binding);
    }

    /** Seals and stores the value; {@code audit} is written in the same transaction. */
    public Instant put(String binding, String plaintext, AuditAppend audit) {
        return secrets.put(binding, cipher.seal(plaintext, binding), audit);
    }

    /** The plaintext, if a secret is stored; a secret that does not decrypt is logged (by binding and key id only). */
    public Optional<String> reveal(String binding) throws DecryptionException {
        Optional<StoredSecret> stored = secrets.find(binding);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.open(stored.get().sealed(), binding));
        } catch (DecryptionException e) {
            LOG.error("Secret {} (key id {}) cannot be decrypted: {}", binding, stored.get().sealed().keyId(),
                    e.getMessage());
            throw e;
        }
    }

    public boolean delete(String binding, AuditAppend audit) {
        return secrets.delete(binding, audit);
    }
}
