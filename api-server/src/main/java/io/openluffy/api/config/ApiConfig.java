package io.openluffy.api.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API server's whole configuration, validated once when it is made: read from {@code OPENLUFFY_*} environment
 * variables by {@link EnvironmentConfig}, or built programmatically with {@link #builder()} (tests do). Without a
 * database URL the server runs an embedded PostgreSQL in {@link #dataDir()}; keys that are not given are then
 * generated once and kept there.
 *
 * @param bindAddress     resolved: by default 127.0.0.1 with the embedded database (a fresh local instance's
 *                        bootstrap endpoint must not be open to the network) and 0.0.0.0 with an external one (the
 *                        container, reached through its Service)
 * @param bootstrapToken  what {@code POST /v1/auth/bootstrap/create-admin} requires (set by the operator); empty:
 *                        bootstrap is open while there are no users, as in the deployment guide
 */
public record ApiConfig(int port, Path dataDir, Optional<String> databaseUrl, String databaseUser,
                        String databasePassword, Optional<byte[]> jwtSigningKey, Optional<byte[]> encryptionKey,
                        Optional<byte[]> previousEncryptionKey, int loginFailuresPerHour,
                        boolean allowInsecureIntegrations, boolean allowPrivateIntegrations, String bindAddress,
                        boolean metricsRequireAuth, int databaseWaitSeconds, Optional<String> bootstrapToken) {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "./openluffy-data";
    public static final int DEFAULT_LOGIN_FAILURES_PER_HOUR = 100;
    public static final int DEFAULT_DATABASE_WAIT_SECONDS = 120;
    /** HS256 needs a key of at least the hash's size (RFC 7518 §3.2). */
    public static final int MIN_JWT_KEY_BYTES = 32;
    /** AES-256. */
    public static final int ENCRYPTION_KEY_BYTES = 32;
    /** Refuses tokens short enough to be guessed over the network ("changeme"). */
    public static final int MIN_BOOTSTRAP_TOKEN_CHARS = 16;

    /** Validates every value and reports every problem at once ({@link ConfigException}). */
    public ApiConfig {
        jwtSigningKey = jwtSigningKey.map(byte[]::clone);
        encryptionKey = encryptionKey.map(byte[]::clone);
        previousEncryptionKey = previousEncryptionKey.map(byte[]::clone);
        if (bindAddress == null) {
            bindAddress = databaseUrl.isEmpty() ? "127.0.0.1" : "0.0.0.0";
        }
        List<String> problems = problems(port, databaseUrl.orElse(null), databaseUser, databasePassword,
                jwtSigningKey.orElse(null), encryptionKey.orElse(null), previousEncryptionKey.orElse(null),
                loginFailuresPerHour, databaseWaitSeconds, bootstrapToken.orElse(null));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the server runs its own PostgreSQL (no database URL given): local use only. */
    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    @Override
    public Optional<byte[]> jwtSigningKey() {
        return jwtSigningKey.map(byte[]::clone);
    }

    /** AES-256-GCM key of stored secrets. */
    @Override
    public Optional<byte[]> encryptionKey() {
        return encryptionKey.map(byte[]::clone);
    }

    /** The key being rotated away from: still opens what it sealed, never seals anything new. */
    @Override
    public Optional<byte[]> previousEncryptionKey() {
        return previousEncryptionKey.map(byte[]::clone);
    }

    /** Same configuration with both keys set; used once the local keys are resolved. */
    public ApiConfig withKeys(byte[] jwtKey, byte[] encKey) {
        return new ApiConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, Optional.of(jwtKey),
                Optional.of(encKey), previousEncryptionKey, loginFailuresPerHour, allowInsecureIntegrations,
                allowPrivateIntegrations, bindAddress, metricsRequireAuth, databaseWaitSeconds, bootstrapToken);
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "ApiConfig{port=" + port + ", dataDir=" + dataDir
                + ", database=" + databaseUrl.orElse("embedded")
                + ", loginFailuresPerHour=" + loginFailuresPerHour + ", databaseWaitSeconds=" + databaseWaitSeconds
                + ", previousEncryptionKey=" + previousEncryptionKey.isPresent()
                + ", bindAddress=" + bindAddress
                + ", allowInsecureIntegrations=" + allowInsecureIntegrations
                + ", allowPrivateIntegrations=" + allowPrivateIntegrations
                + ", metricsRequireAuth=" + metricsRequireAuth + ", bootstrapToken=" + bootstrapToken.isPresent() + "}";
    }

    private static List<String> problems(int port, String databaseUrl, String databaseUser, String databasePassword,
                                         byte[] jwtSigningKey, byte[] encryptionKey, byte[] previousEncryptionKey,
                                         int loginFailuresPerHour, int databaseWaitSeconds, String bootstrapToken) {
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65535) {
            problems.add("OPENLUFFY_PORT must be from 0 to 65535 (got " + port + ")");
        }
        if (loginFailuresPerHour < 1 || loginFailuresPerHour > 1_000_000) {
            problems.add("OPENLUFFY_LOGIN_FAILURES_PER_HOUR must be from 1 to 1000000 (got " + loginFailuresPerHour + ")");
        }
        if (databaseWaitSeconds < 0 || databaseWaitSeconds > 86_400) {
            problems.add("OPENLUFFY_DATABASE_WAIT_SECONDS must be from 0 to 86400 (got " + databaseWaitSeconds + ")");
        }
        if (databaseUrl != null) {
            if (!databaseUrl.startsWith("jdbc:postgresql://")) {
                problems.add("OPENLUFFY_DATABASE_URL must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://openluffy-prod-postgres:5432/openluffy");
            }
            if (databaseUser == null) {
                problems.add("OPENLUFFY_DATABASE_USER is required when OPENLUFFY_DATABASE_URL is set");
            }
            if (databasePassword == null) {
                problems.add("OPENLUFFY_DATABASE_PASSWORD is required when OPENLUFFY_DATABASE_URL is set");
            }
            if (jwtSigningKey == null) {
                problems.add("OPENLUFFY_JWT_SIGNING_KEY is required with an external database (keys are generated "
                        + "only for the local embedded mode); generate one with: openssl rand -base64 48");
            }
            if (encryptionKey == null) {
                problems.add("OPENLUFFY_ENCRYPTION_KEY is required with an external database; "
                        + "generate one with: openssl rand -base64 32");
            }
        }
        if (jwtSigningKey != null && jwtSigningKey.length < MIN_JWT_KEY_BYTES) {
            problems.add("OPENLUFFY_JWT_SIGNING_KEY is " + jwtSigningKey.length * 8 + " bits long; HS256 needs at least "
                    + MIN_JWT_KEY_BYTES * 8 + " bits (" + MIN_JWT_KEY_BYTES + " bytes). Refusing to start. "
                    + "Generate one with: openssl rand -base64 48");
        }
        if (encryptionKey != null && encryptionKey.length != ENCRYPTION_KEY_BYTES) {
            problems.add("OPENLUFFY_ENCRYPTION_KEY must be base64 of exactly " + ENCRYPTION_KEY_BYTES
                    + " bytes (AES-256), got " + encryptionKey.length + " bytes; generate one with: openssl rand -base64 32");
        }
        if (previousEncryptionKey != null && previousEncryptionKey.length != ENCRYPTION_KEY_BYTES) {
            problems.add("OPENLUFFY_ENCRYPTION_KEY_PREVIOUS must be base64 of exactly " + ENCRYPTION_KEY_BYTES
                    + " bytes (AES-256), got " + previousEncryptionKey.length + " bytes");
        }
        if (bootstrapToken != null && bootstrapToken.length() < MIN_BOOTSTRAP_TOKEN_CHARS) {
            problems.add("OPENLUFFY_BOOTSTRAP_TOKEN must be at least " + MIN_BOOTSTRAP_TOKEN_CHARS
                    + " characters long; generate one with: openssl rand -base64 32");
        }
        return problems;
    }

    /** Programmatic configuration; {@link #build()} validates like the environment reader. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of(DEFAULT_DATA_DIR);
        private String databaseUrl;
        private String databaseUser;
        private String databasePassword;
        private byte[] jwtSigningKey;
        private byte[] encryptionKey;
        private byte[] previousEncryptionKey;
        private int loginFailuresPerHour = DEFAULT_LOGIN_FAILURES_PER_HOUR;
        private boolean allowInsecureIntegrations;
        private boolean allowPrivateIntegrations;
        private String bindAddress;
        private boolean metricsRequireAuth;
        private int databaseWaitSeconds = DEFAULT_DATABASE_WAIT_SECONDS;
        private String bootstrapToken;

        private Builder() {
        }

        /** HTTP port; 0 picks a free one (see {@link io.openluffy.api.ApiServer#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the embedded PostgreSQL keeps its data and where locally generated keys live. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** An external PostgreSQL; then both keys must be given too. */
        public Builder database(String jdbcUrl, String user, String password) {
            this.databaseUrl = jdbcUrl;
            this.databaseUser = user;
            this.databasePassword = password;
            return this;
        }

        public Builder jwtSigningKey(byte[] key) {
            this.jwtSigningKey = key;
            return this;
        }

        public Builder encryptionKey(byte[] key) {
            this.encryptionKey = key;
            return this;
        }

        public Builder loginFailuresPerHour(int limit) {
            this.loginFailuresPerHour = limit;
            return this;
        }

        /** The old key during a key rotation (see the README's "Encryption keys and rotation"). */
        public Builder previousEncryptionKey(byte[] key) {
            this.previousEncryptionKey = key;
            return this;
        }

        /** Whether integrations may use plain-http URLs (default false). */
        public Builder allowInsecureIntegrations(boolean allow) {
            this.allowInsecureIntegrations = allow;
            return this;
        }

        /** Whether integrations may reach loopback, link-local and private addresses (an in-cluster Argo CD). */
        public Builder allowPrivateIntegrations(boolean allow) {
            this.allowPrivateIntegrations = allow;
            return this;
        }

        /** null: the default of {@link ApiConfig#bindAddress()}. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** Whether {@code GET /metrics} needs admin credentials (default false). */
        public Builder metricsRequireAuth(boolean require) {
            this.metricsRequireAuth = require;
            return this;
        }

        /** How long start-up waits for an unreachable external database before giving up. */
        public Builder databaseWaitSeconds(int seconds) {
            this.databaseWaitSeconds = seconds;
            return this;
        }

        /** Surrounding whitespace is dropped, as from the header the token is compared with. */
        public Builder bootstrapToken(String token) {
            this.bootstrapToken = token == null || token.isBlank() ? null : token.trim();
            return this;
        }

        public ApiConfig build() {
            return new ApiConfig(port, dataDir, Optional.ofNullable(databaseUrl), databaseUser, databasePassword,
                    Optional.ofNullable(jwtSigningKey), Optional.ofNullable(encryptionKey),
                    Optional.ofNullable(previousEncryptionKey), loginFailuresPerHour, allowInsecureIntegrations,
                    allowPrivateIntegrations, bindAddress, metricsRequireAuth, databaseWaitSeconds,
                    Optional.ofNullable(bootstrapToken));
        }
    }
}
