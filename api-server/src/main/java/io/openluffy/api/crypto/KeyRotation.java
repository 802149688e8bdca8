package io.openluffy.api.crypto;

import io.openluffy.api.db.SecretRepository;
import io.openluffy.api.db.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-seals every stored secret that is not under the current key (run with the old key configured as previous).
 * Idempotent and safe beside a running server: a row changed meanwhile is skipped, as it was just sealed under the
 * current key anyway.
 */
public final class KeyRotation {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

    /** What a run did; {@code failed} lists the bindings that could not be decrypted with any configured key. */
    public record Result(String currentKeyId, int resealed, List<String> failed) {
    }

    private final SecretRepository secrets;
    private final SecretCipher cipher;

    public KeyRotation(SecretRepository secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    public Result run() {
        String current = cipher.keys().current().id();
        int resealed = 0;
        List<String> failed = new ArrayList<>();
        for (StoredSecret secret : secrets.findNotUnder(current)) {
            try {
                String plaintext = cipher.open(secret.sealed(), secret.binding());
                if (secrets.reseal(secret, cipher.seal(plaintext, secret.binding()))) {
                    resealed++;
                }
            } catch (DecryptionException e) {
                LOG.error("Secret {} (key id {}) cannot be re-encrypted: {}", secret.binding(), secret.sealed().keyId(),
                        e.getMessage());
                failed.add(secret.binding());
            }
        }
        return new Result(current, resealed, failed);
    }
}
