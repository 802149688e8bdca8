package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import io.openluffy.api.config.LocalKeys;
import io.openluffy.api.crypto.KeyRotation;
import io.openluffy.api.db.Database;
import io.openluffy.api.db.SecretRepository;

/**
 * Command that re-encrypts every stored secret under the current encryption key:
 * {@code java -cp openluffy-api-server.jar io.openluffy.api.RotateKeys}, with the same environment as the server
 * plus {@code OPENLUFFY_ENCRYPTION_KEY_PREVIOUS} set to the old key. Exit code 0 when no secret is left under
 * another key, 1 when some could not be decrypted, 2 on a configuration error.
 */
public final class RotateKeys {
    private RotateKeys() {
    }

    public static void main(String[] args) {
        ApiConfig config = Main.environmentConfigOrExit();
        KeyRotation.Result result = run(config);
        System.out.println("Re-encrypted " + result.resealed() + " secret(s) under key id " + result.currentKeyId() + ".");
        if (!result.failed().isEmpty()) {
            System.err.println(result.failed().size() + " secret(s) could not be decrypted with the configured keys "
                    + "and were left as they are: " + String.join(", ", result.failed()));
            System.exit(1);
        }
    }

    /**
     * Runs one rotation against the configured database (starting the embedded one, if that is the setup). In the
     * embedded mode the local key file then holds the new key: the secrets are under it now, and a later start
     * without {@code OPENLUFFY_ENCRYPTION_KEY} reads that file.
     */
    public static KeyRotation.Result run(ApiConfig config) {
        ApiConfig cfg = config.embeddedDatabase() ? LocalKeys.complete(config) : config;
        KeyRotation.Result result;
        try (Database database = Database.open(cfg)) {
            result = new KeyRotation(new SecretRepository(database.dataSource()), ApiServer.cipher(cfg)).run();
        }
        if (cfg.embeddedDatabase()) {
            LocalKeys.storeEncryptionKey(cfg.dataDir(), cfg.encryptionKey().orElseThrow());
            System.out.println("The local key file " + LocalKeys.encryptionKeyFile(cfg.dataDir()).toAbsolutePath()
                    + " now holds the new key.");
        }
        return result;
    }
}
