package io.openluffy.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many bootstrap calls at once, spread over two server processes sharing one database: exactly one admin. */
class BootstrapRaceTest {
    private static final int CALLERS = 16;

    @TempDir
    static Path pgDir;
    static TwoServers servers;

    @BeforeAll
    static void start() {
        servers = new TwoServers(pgDir);
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @RepeatedTest(3)
    void exactlyOneAdminIsCreated() throws Exception {
        execute("TRUNCATE users CASCADE");
        List<ApiClient> clients = List.of(new ApiClient(servers.first.baseUrl()), new ApiClient(servers.second.baseUrl()));
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            ApiClient client = clients.get(i % 2);
            Map<String, Object> body = Map.of("email", "admin" + i + "@yourcompany.com", "password", "RacePassword123!");
            calls.add(pool.submit(() -> {
                go.await();
                return client.post("/v1/auth/bootstrap/create-admin", body);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiClient.Response> call : calls) {
            ApiClient.Response r = call.get();
            statuses.add(r.status());
            if (r.status() == 403) {
                assertThat(r.get("detail")).isEqualTo("Bootstrap already complete. This instance has been initialized.");
            }
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 403);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM users WHERE role = 'admin'")).isEqualTo(1);
    }

    /**
     * The race by hand, deterministically: another server's bootstrap transaction holds the users lock and has
     * inserted its admin, uncommitted. A bootstrap arriving now must wait for it, then see that user and refuse.
     */
    @Test
    void aBootstrapWaitsForTheOneInFlightAndThenRefuses() throws Exception {
        execute("TRUNCATE users CASCADE");
        try (Connection other = servers.first.dataSource().getConnection(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(1, 0)");
            s.execute("INSERT INTO users (id, email, password_hash, role) "
                    + "VALUES (gen_random_uuid(), 'first@yourcompany.com', 'x', 'admin')");
            CompletableFuture<ApiClient.Response> second = CompletableFuture.supplyAsync(() ->
                    new ApiClient(servers.second.baseUrl()).post("/v1/auth/bootstrap/create-admin",
                            Map.of("email", "second@yourcompany.com", "password", "RacePassword123!")));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> second.isDone()
                    || count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0);
            other.commit();
            ApiClient.Response answer = second.get(20, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        }
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    private static void execute(String statement) throws Exception {
        Queries.execute(servers.first.dataSource(), statement);
    }

    private static long count(String query) throws Exception {
        return Queries.count(servers.first.dataSource(), query);
    }
}
