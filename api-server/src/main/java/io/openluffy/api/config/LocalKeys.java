package io.openluffy.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys for the local embedded mode: generated once into {@code <data dir>/keys/} and read back on every later start,
 * because a new JWT key would log everybody out and a new encryption key would make stored secrets unreadable.
 */
public final class LocalKeys {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalKeys() {
    }

    /** Returns the configuration with both keys set, taking missing ones from (or creating them in) the data dir. */
    public static ApiConfig complete(ApiConfig config) {
        if (config.jwtSigningKey().isPresent() && config.encryptionKey().isPresent()) {
            return config;
        }
        Path dir = config.dataDir().resolve("keys");
        byte[] jwt = config.jwtSigningKey().orElseGet(() -> loadOrCreate(dir.resolve("jwt-signing-key"), 64));
        byte[] enc = config.encryptionKey().orElseGet(() -> loadOrCreate(encryptionKeyFile(config.dataDir()),
                ApiConfig.ENCRYPTION_KEY_BYTES));
        String missing = config.jwtSigningKey().isEmpty() && config.encryptionKey().isEmpty()
                ? "OPENLUFFY_JWT_SIGNING_KEY / OPENLUFFY_ENCRYPTION_KEY"
                : config.jwtSigningKey().isEmpty() ? "OPENLUFFY_JWT_SIGNING_KEY" : "OPENLUFFY_ENCRYPTION_KEY";
        LOG.warn("No {} given: using the keys kept in {}. This is for local use only; in production pass both keys "
                + "from a secret store.", missing, dir.toAbsolutePath().normalize());
        return config.withKeys(jwt, enc);
    }

    /** Where the local mode keeps its encryption key. */
    public static Path encryptionKeyFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("encryption-key");
    }

    /**
     * Replaces the local mode's encryption key (after a rotation re-encrypted everything under {@code key}), so that
     * the next start without {@code OPENLUFFY_ENCRYPTION_KEY} uses it. Written to a new file and moved into place:
     * a crash leaves the old file or the new one, never a torn key.
     */
    public static void storeEncryptionKey(Path dataDir, byte[] key) {
        Path file = encryptionKeyFile(dataDir);
        try {
            Files.createDirectories(file.getParent());
            Path next = Files.createTempFile(file.getParent(), "encryption-key", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, Base64.getEncoder().encodeToString(key));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the local key file " + file.toAbsolutePath(), e);
        }
    }

    /**
     * The embedded PostgreSQL superuser's password, generated once (mode 0600) beside the keys: not inside the
     * cluster directory, which initdb needs empty.
     */
    public static Path databasePasswordFile(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve("postgres-password");
        loadOrCreate(file, 32);
        return file;
    }

    private static byte[] loadOrCreate(Path file, int length) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[length];
                RANDOM.nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local key file " + file.toAbsolutePath()
                    + "; check that OPENLUFFY_DATA_DIR is writable", e);
        }
    }
}
