package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credential guessing, with a limit of 3 failures per account and client (so 30 per client, 30 per account): uniform
 * failures, separate budgets per client address, bounded guessing however many addresses, and no e-mail text kept.
 * Other clients are other loopback addresses (127.0.0.2, ...), which Linux routes to the same interface.
 */
class LoginThrottlingTest {
    private static final int LIMIT = 3;
    private static final String ADMIN = "admin@yourcompany.com";
    private static final String PASSWORD = "YourSecurePassword123!";

    @TempDir
    static Path dataDir;
    static ApiServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = ApiServer.start(ApiConfig.builder().port(0).dataDir(dataDir).bindAddress("0.0.0.0")
                .loginFailuresPerHour(LIMIT).build());
        api = new ApiClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bootstrap() throws Exception {
        sql("TRUNCATE users, login_failures CASCADE");
        assertThat(api.post("/v1/auth/bootstrap/create-admin", Map.of("email", ADMIN, "password", PASSWORD)).status())
                .isEqualTo(201);
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        RawHttp.Answer wrongPassword = login(client(2), ADMIN, "NotThePassword123!");
        RawHttp.Answer unknownEmail = login(client(2), "nobody@yourcompany.com", "NotThePassword123!");
        RawHttp.Answer notAnEmail = login(client(2), "MyPassw0rd!typed-here", "NotThePassword123!");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(notAnEmail.status()).isEqualTo(401);
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body()).isEqualTo(notAnEmail.body())
                .contains("Invalid email or password.");
    }

    @Test
    void oneStrangerCannotLockOutTheOwner() {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(login(client(2), ADMIN, "guess-number-" + i).status()).isEqualTo(401);
        }
        RawHttp.Answer blocked = login(client(2), ADMIN, PASSWORD);
        assertThat(blocked.status()).as("even the right password: the guesser must not learn it").isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed login attempts");
        assertThat(blocked.headers()).containsPattern("retry-after: [1-9][0-9]*");
        // the same account in another spelling is the same counter
        assertThat(login(client(2), "  ADMIN@yourcompany.com. ", PASSWORD).status()).isEqualTo(429);
        assertThat(login(client(2), "ＡＤＭＩＮ@yourcompany.com", PASSWORD).status()).isEqualTo(429);

        assertThat(login(client(1), ADMIN, PASSWORD).status()).as("the owner, elsewhere").isEqualTo(200);
    }

    @Test
    void successfulLoginsDoNotCount() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < LIMIT - 1; i++) {
                assertThat(login(client(2), ADMIN, "wrong-password-" + i).status()).isEqualTo(401);
            }
            assertThat(login(client(2), ADMIN, PASSWORD).status()).as("round %d", round).isEqualTo(200);
        }
    }

    @Test
    void oneClientSprayingManyAccountsIsStopped() {
        for (int i = 0; i < 10 * LIMIT; i++) {
            assertThat(login(client(3), "user" + i + "@yourcompany.com", "Spray-password-1").status()).isEqualTo(401);
        }
        assertThat(login(client(3), "another@yourcompany.com", "Spray-password-1").status()).isEqualTo(429);
        assertThat(login(client(1), ADMIN, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void guessesFromManyAddressesStayBoundedPerAccount() {
        for (int address = 10; address < 20; address++) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(login(client(address), ADMIN, "guess-" + address + "-" + i).status()).isEqualTo(401);
            }
        }
        assertThat(login(client(30), ADMIN, "one-more-guess").status()).isEqualTo(429);
    }

    @Test
    void failuresAreKeptAsKeyedHashesOnlyAndOnlyForTheWindow() throws Exception {
        sql("INSERT INTO login_failures (account, client, failed_at) VALUES ('\\x00', '\\x00', now() - interval '2 hours')");
        login(client(2), "MyS3cretPassw0rd@typed-into-email.com", "whatever-password");
        login(client(2), ADMIN, "Wrong-password-123");
        assertThat(StoredData.tablesContaining(server.dataSource(), "MyS3cretPassw0rd")).isEmpty();
        assertThat(StoredData.tablesContaining(server.dataSource(), "typed-into-email")).isEmpty();
        assertThat(StoredData.tablesContaining(server.dataSource(), "127.0.0.2")).isEmpty();
        assertThat(count("SELECT count(*) FROM login_failures")).as("the old row was purged").isEqualTo(2);
    }

    private static RawHttp.Answer login(InetAddress from, String email, String password) {
        return RawHttp.post(from, server.port(), "/v1/auth/login", ApiClient.json(Map.of("email", email,
                "password", password)));
    }

    private static InetAddress client(int n) {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) throws Exception {
        Queries.execute(server.dataSource(), statement);
    }

    private static long count(String query) throws Exception {
        return Queries.count(server.dataSource(), query);
    }
}
