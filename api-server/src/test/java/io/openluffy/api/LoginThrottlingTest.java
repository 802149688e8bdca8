package io.openluffy.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Credential guessing: uniform failures, and at most 100 failed logins per account and hour (the default). */
class LoginThrottlingTest extends ApiServerTestBase {

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        bootstrapAdmin();
        ApiClient.Response wrongPassword = login(ADMIN_EMAIL, "NotThePassword123!");
        ApiClient.Response unknownEmail = login("nobody@yourcompany.com", "NotThePassword123!");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(wrongPassword.get("detail")).isEqualTo("Invalid email or password.");
    }

    @Test
    void hundredFailuresBlockTheAccountForAnHourOthersUnaffected() {
        String admin = bootstrapAdmin();
        createUser(admin, "other@yourcompany.com", "OtherPassword123!", "viewer");

        for (int i = 0; i < ApiConfig.DEFAULT_LOGIN_FAILURES_PER_HOUR; i++) {
            assertThat(login(ADMIN_EMAIL, "guess-number-" + i).status()).as("attempt %d", i + 1).isEqualTo(401);
        }
        ApiClient.Response blocked = login(ADMIN_EMAIL, "guess-number-101");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.get("detail")).contains("Too many failed login attempts");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 3600L);
        // even the right password waits: the guesser must not learn it was right
        assertThat(login(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(429);
        // case and spaces do not open a second counter
        assertThat(login("  ADMIN@yourcompany.com ", ADMIN_PASSWORD).status()).isEqualTo(429);

        assertThat(login("other@yourcompany.com", "OtherPassword123!").status()).isEqualTo(200);
        // tokens issued before the attack keep working
        assertThat(api.get("/v1/auth/me", admin).status()).isEqualTo(200);
    }

    @Test
    void successfulLoginsDoNotCount() {
        bootstrapAdmin();
        for (int i = 0; i < 3; i++) {
            assertThat(login(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(200);
        }
        assertThat(login(ADMIN_EMAIL, "wrong-password-x").status()).isEqualTo(401);
        assertThat(login(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(200);
    }
}
