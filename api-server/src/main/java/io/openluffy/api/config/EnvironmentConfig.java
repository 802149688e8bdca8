package io.openluffy.api.config;


import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link ApiConfig} from {@code OPENLUFFY_*} environment variables. This class only parses (numbers, base64,
 * booleans); what the values must be is checked once, by {@link ApiConfig} itself, and every problem of both kinds
 * is reported together.
 */
public final class EnvironmentConfig {
    private EnvironmentConfig() {
    }

    /** Throws {@link ConfigException} listing every problem. */
    public static ApiConfig read(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ApiConfig.Builder b = ApiConfig.builder();
        Integer port = intVar(env, "OPENLUFFY_PORT", problems);
        if (port != null) {
            b.port(port);
        }
        b.dataDir(Path.of(env.getOrDefault("OPENLUFFY_DATA_DIR", ApiConfig.DEFAULT_DATA_DIR)));
        Integer failures = intVar(env, "OPENLUFFY_LOGIN_FAILURES_PER_HOUR", problems);
        if (failures != null) {
            b.loginFailuresPerHour(failures);
        }
        Integer wait = intVar(env, "OPENLUFFY_DATABASE_WAIT_SECONDS", problems);
        if (wait != null) {
            b.databaseWaitSeconds(wait);
        }
        String url = text(env, "OPENLUFFY_DATABASE_URL");
        if (url != null) {
            b.database(url, text(env, "OPENLUFFY_DATABASE_USER"), text(env, "OPENLUFFY_DATABASE_PASSWORD"));
        }
        String jwtKey = text(env, "OPENLUFFY_JWT_SIGNING_KEY");
        if (jwtKey != null) {
            b.jwtSigningKey(jwtKey.getBytes(StandardCharsets.UTF_8));
        }
        b.encryptionKey(base64Var(env, "OPENLUFFY_ENCRYPTION_KEY", problems));
        b.previousEncryptionKey(base64Var(env, "OPENLUFFY_ENCRYPTION_KEY_PREVIOUS", problems));
        b.allowInsecureIntegrations(booleanVar(env, "OPENLUFFY_ALLOW_INSECURE_INTEGRATIONS", problems));
        b.allowPrivateIntegrations(booleanVar(env, "OPENLUFFY_ALLOW_PRIVATE_INTEGRATIONS", problems));
        b.bindAddress(text(env, "OPENLUFFY_BIND_ADDRESS"));
        b.metricsRequireAuth(booleanVar(env, "OPENLUFFY_METRICS_REQUIRE_AUTH", problems));
        b.bootstrapToken(text(env, "OPENLUFFY_BOOTSTRAP_TOKEN"));
        try {
            ApiConfig config = b.build();
            if (problems.isEmpty()) {
                return config;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        throw new ConfigException(problems);
    }

    /** null when unset (the default applies) or not a number (reported). */
    private static Integer intVar(Map<String, String> env, String name, List<String> problems) {
        String raw = text(env, name);
        if (raw == null) {
            return null;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number (got '" + raw + "')");
            return null;
        }
    }

    private static byte[] base64Var(Map<String, String> env, String name, List<String> problems) {
        String raw = text(env, name);
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
        String raw = text(env, name);
        if (raw == null || raw.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.trim().equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " must be 'true' or 'false' (got '" + raw + "')");
        return false;
    }

    /** Unset and blank are the same: the default applies. */
    private static String text(Map<String, String> env, String name) {
        String s = env.get(name);
        return s == null || s.isBlank() ? null : s;
    }
}
