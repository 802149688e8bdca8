package io.openluffy.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    static StandalonePostgres postgres;
    static ApiServer first;
    static ApiServer second;

    @BeforeAll
    static void start() {
        postgres = new StandalonePostgres(pgDir);
        first = ApiServer.start(postgres.apiConfig().build());
        second = ApiServer.start(postgres.apiConfig().build());
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        postgres.close();
    }

    @RepeatedTest(3)
    void exactlyOneAdminIsCreated() throws Exception {
        execute("TRUNCATE users CASCADE");
        List<ApiClient> clients = List.of(new ApiClient(first.baseUrl()), new ApiClient(second.baseUrl()));
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

    private static void execute(String statement) throws Exception {
        try (Connection c = first.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int count(String query) throws Exception {
        try (Connection c = first.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
