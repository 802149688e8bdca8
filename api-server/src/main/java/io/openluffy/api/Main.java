package io.openluffy.api;

import io.openluffy.api.config.ConfigException;

/** Entry point of {@code openluffy-api-server.jar}: configuration from the environment, then {@link ApiServer}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ApiConfig config;
        try {
            config = ApiConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
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
}
