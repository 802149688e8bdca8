package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import io.openluffy.api.config.EnvironmentConfig;
import io.openluffy.api.config.ConfigException;

/** Entry point of {@code openluffy-api-server.jar}: configuration from the environment, then {@link ApiServer}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ApiConfig config = environmentConfigOrExit();
        ApiServer server;
        try {
            server = ApiServer.start(config);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("OpenLuffy API server failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "openluffy-shutdown"));
    }

    /**
     * The configuration from the environment, shared by the server and {@link RotateKeys}; on a configuration error
     * prints what to fix (never a stack trace) and exits with status 2.
     */
    static ApiConfig environmentConfigOrExit() {
        try {
            return EnvironmentConfig.read(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw new IllegalStateException("unreachable", e);
        }
    }
}
