package io.openluffy.api;

import io.openluffy.api.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's whole configuration, read once at start: from {@code OPENLUFFY_*} environment variables
 * ({@link #fromEnvironment(Map)}) or built programmatically ({@link #builder()}, used by tests of other modules).
 * Without a database URL the server runs an embedded PostgreSQL in {@link #dataDir()}; keys that are not given
 * are then generated once and kept there.
 */
public final class ApiConfig {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_LOGIN_FAILURES_PER_HOUR = 100;
    public static final int DEFAULT_DATABASE_WAIT_SECONDS = 120;
    /** HS256 needs a key of at least the hash's size (RFC 7518 §3.2). */
    public static final int MIN_JWT_KEY_BYTES = 32;
    /** AES-256. */
    public static final int ENCRYPTION_KEY_BYTES = 32;
    /** Refuses tokens short enough to be guessed over the network ("changeme"). */
    public static final int MIN_BOOTSTRAP_TOKEN_CHARS = 16;

    private final int port;
    private final Path dataDir;
    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final byte[] jwtSigningKey;
    private final byte[] encryptionKey;
    private final byte[] previousEncryptionKey;
    private final int loginFailuresPerHour;
    private final boolean allowInsecureIntegrations;
    private final boolean allowPrivateIntegrations;
    private final String bindAddress;
    private final boolean metricsRequireAuth;
    private final int databaseWaitSeconds;
    private final String bootstrapToken;

    private ApiConfig(Builder b) {
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.databaseUrl = b.databaseUrl;
        this.databaseUser = b.databaseUser;
        this.databasePassword = b.databasePassword;
        this.jwtSigningKey = b.jwtSigningKey;
        this.encryptionKey = b.encryptionKey;
        this.previousEncryptionKey = b.previousEncryptionKey;
        this.loginFailuresPerHour = b.loginFailuresPerHour;
        this.allowInsecureIntegrations = b.allowInsecureIntegrations;
        this.allowPrivateIntegrations = b.allowPrivateIntegrations;
        this.bindAddress = b.bindAddress;
        this.metricsRequireAuth = b.metricsRequireAuth;
        this.databaseWaitSeconds = b.databaseWaitSeconds;
        this.bootstrapToken = b.bootstrapToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads and validates {@code OPENLUFFY_*} variables; throws {@link ConfigException} listing every problem. */
    public static ApiConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Builder b = builder();
        b.port(intVar(env, "OPENLUFFY_PORT", DEFAULT_PORT, 0, 65535, problems));
        b.dataDir(Path.of(env.getOrDefault("OPENLUFFY_DATA_DIR", "./openluffy-data")));
        b.loginFailuresPerHour(intVar(env, "OPENLUFFY_LOGIN_FAILURES_PER_HOUR", DEFAULT_LOGIN_FAILURES_PER_HOUR,
                1, 1_000_000, problems));
        b.databaseWaitSeconds(intVar(env, "OPENLUFFY_DATABASE_WAIT_SECONDS", DEFAULT_DATABASE_WAIT_SECONDS,
                0, 86_400, problems));
        String url = blankToNull(env.get("OPENLUFFY_DATABASE_URL"));
        if (url != null) {
            b.database(url, blankToNull(env.get("OPENLUFFY_DATABASE_USER")),
                    blankToNull(env.get("OPENLUFFY_DATABASE_PASSWORD")));
        }
        String jwtKey = blankToNull(env.get("OPENLUFFY_JWT_SIGNING_KEY"));
        if (jwtKey != null) {
            b.jwtSigningKey(jwtKey.getBytes(StandardCharsets.UTF_8));
        }
        b.encryptionKey(base64Var(env, "OPENLUFFY_ENCRYPTION_KEY", problems));
        b.previousEncryptionKey(base64Var(env, "OPENLUFFY_ENCRYPTION_KEY_PREVIOUS", problems));
        b.allowInsecureIntegrations(booleanVar(env, "OPENLUFFY_ALLOW_INSECURE_INTEGRATIONS", problems));
        b.allowPrivateIntegrations(booleanVar(env, "OPENLUFFY_ALLOW_PRIVATE_INTEGRATIONS", problems));
        b.bindAddress(blankToNull(env.get("OPENLUFFY_BIND_ADDRESS")));
        b.metricsRequireAuth(booleanVar(env, "OPENLUFFY_METRICS_REQUIRE_AUTH", problems));
        b.bootstrapToken(blankToNull(env.get("OPENLUFFY_BOOTSTRAP_TOKEN")));
        problems.addAll(b.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return b.build();
    }

    private static int intVar(Map<String, String> env, String name, int defaultValue, int min, int max,
                              List<String> problems) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + " (got '" + raw + "')");
        return defaultValue;
    }

    private static byte[] base64Var(Map<String, String> env, String name, List<String> problems) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(raw.trim());
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not valid base64; generate one with: openssl rand -base64 32");
            return null;
        }
    }

    private static boolean booleanVar(Map<String, String> env, String name, List<String> problems) {
        String raw = blankToNull(env.get(name));
        if (raw == null || raw.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.trim().equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " must be 'true' or 'false' (got '" + raw + "')");
        return false;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** HTTP port; 0 picks a free one (see {@link ApiServer#port()}). */
    public int port() {
        return port;
    }

    /** Where the embedded PostgreSQL keeps its data and where locally generated keys live. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether the server runs its own PostgreSQL (no database URL given): local use only. */
    public boolean embeddedDatabase() {
        return databaseUrl == null;
    }

    public Optional<String> databaseUrl() {
        return Optional.ofNullable(databaseUrl);
    }

    public String databaseUser() {
        return databaseUser;
    }

    public String databasePassword() {
        return databasePassword;
    }

    public Optional<byte[]> jwtSigningKey() {
        return Optional.ofNullable(jwtSigningKey).map(byte[]::clone);
    }

    public Optional<byte[]> encryptionKey() {
        return Optional.ofNullable(encryptionKey).map(byte[]::clone);
    }

    public int loginFailuresPerHour() {
        return loginFailuresPerHour;
    }

    /** The key being rotated away from: still opens what it sealed, never seals anything new. */
    public Optional<byte[]> previousEncryptionKey() {
        return Optional.ofNullable(previousEncryptionKey).map(byte[]::clone);
    }

    /** Whether integrations may use plain-http URLs ({@code OPENLUFFY_ALLOW_INSECURE_INTEGRATIONS}, default false). */
    public boolean allowInsecureIntegrations() {
        return allowInsecureIntegrations;
    }

    /**
     * Whether integrations may reach loopback, link-local and private addresses
     * ({@code OPENLUFFY_ALLOW_PRIVATE_INTEGRATIONS}, default false; true for an in-cluster Argo CD).
     */
    public boolean allowPrivateIntegrations() {
        return allowPrivateIntegrations;
    }

    /**
     * The address HTTP listens on ({@code OPENLUFFY_BIND_ADDRESS}): by default 127.0.0.1 with the embedded database
     * (a fresh local instance's bootstrap endpoint must not be open to the network) and 0.0.0.0 with an external
     * one (the container, reached through its Service).
     */
    public String bindAddress() {
        return bindAddress != null ? bindAddress : embeddedDatabase() ? "127.0.0.1" : "0.0.0.0";
    }

    /** Whether {@code GET /metrics} needs admin credentials ({@code OPENLUFFY_METRICS_REQUIRE_AUTH}, default false). */
    public boolean metricsRequireAuth() {
        return metricsRequireAuth;
    }

    /** How long start-up waits for an unreachable external database before giving up. */
    public int databaseWaitSeconds() {
        return databaseWaitSeconds;
    }

    /**
     * The token {@code POST /v1/auth/bootstrap/create-admin} requires ({@code OPENLUFFY_BOOTSTRAP_TOKEN}, set by the
     * operator); empty: bootstrap is open while there are no users, as in the deployment guide.
     */
    public Optional<String> bootstrapToken() {
        return Optional.ofNullable(bootstrapToken);
    }

    /** Same configuration with both keys set; used once the local keys are resolved. */
    public ApiConfig withKeys(byte[] jwtKey, byte[] encKey) {
        Builder b = toBuilder();
        b.jwtSigningKey(jwtKey).encryptionKey(encKey);
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = builder().port(port).dataDir(dataDir).loginFailuresPerHour(loginFailuresPerHour)
                .databaseWaitSeconds(databaseWaitSeconds)
                .jwtSigningKey(jwtSigningKey).encryptionKey(encryptionKey).previousEncryptionKey(previousEncryptionKey)
                .allowInsecureIntegrations(allowInsecureIntegrations).allowPrivateIntegrations(allowPrivateIntegrations)
                .bindAddress(bindAddress).metricsRequireAuth(metricsRequireAuth).bootstrapToken(bootstrapToken);
        if (databaseUrl != null) {
            b.database(databaseUrl, databaseUser, databasePassword);
        }
        return b;
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "ApiConfig{port=" + port + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "embedded" : databaseUrl)
                + ", loginFailuresPerHour=" + loginFailuresPerHour + ", databaseWaitSeconds=" + databaseWaitSeconds
                + ", previousEncryptionKey=" + (previousEncryptionKey != null)
                + ", bindAddress=" + bindAddress()
                + ", allowInsecureIntegrations=" + allowInsecureIntegrations
                + ", allowPrivateIntegrations=" + allowPrivateIntegrations
                + ", metricsRequireAuth=" + metricsRequireAuth + ", bootstrapToken=" + (bootstrapToken != null) + "}";
    }

    /** Programmatic configuration; {@link #build()} validates like {@link #fromEnvironment(Map)}. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("./openluffy-data");
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

        public Builder port(int port) {
            this.port = port;
            return this;
        }

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
            this.jwtSigningKey = key == null ? null : key.clone();
            return this;
        }

        public Builder encryptionKey(byte[] key) {
            this.encryptionKey = key == null ? null : key.clone();
            return this;
        }

        public Builder loginFailuresPerHour(int limit) {
            this.loginFailuresPerHour = limit;
            return this;
        }

        /** The old key during a key rotation (see the README's "Encryption keys and rotation"). */
        public Builder previousEncryptionKey(byte[] key) {
            this.previousEncryptionKey = key == null ? null : key.clone();
            return this;
        }

        public Builder allowInsecureIntegrations(boolean allow) {
            this.allowInsecureIntegrations = allow;
            return this;
        }

        public Builder allowPrivateIntegrations(boolean allow) {
            this.allowPrivateIntegrations = allow;
            return this;
        }

        /** null: the default of {@link ApiConfig#bindAddress()}. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder metricsRequireAuth(boolean require) {
            this.metricsRequireAuth = require;
            return this;
        }

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
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new ApiConfig(this);
        }

        private List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (port < 0 || port > 65535) {
                problems.add("OPENLUFFY_PORT must be from 0 to 65535 (got " + port + ")");
            }
            if (loginFailuresPerHour < 1) {
                problems.add("OPENLUFFY_LOGIN_FAILURES_PER_HOUR must be at least 1");
            }
            if (databaseWaitSeconds < 0) {
                problems.add("OPENLUFFY_DATABASE_WAIT_SECONDS must not be negative");
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
    }
}
