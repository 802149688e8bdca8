package io.openluffy.api;

import java.nio.file.Path;

/** Two API servers on one standalone PostgreSQL, as replicas run. */
final class TwoServers implements AutoCloseable {
    final StandalonePostgres postgres;
    final ApiServer first;
    final ApiServer second;

    TwoServers(Path pgDir) {
        postgres = new StandalonePostgres(pgDir);
        first = ApiServer.start(postgres.apiConfig().build());
        second = ApiServer.start(postgres.apiConfig().build());
    }

    @Override
    public void close() {
        second.close();
        first.close();
        postgres.close();
    }
}
