package io.openluffy.api;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh rotation and reuse detection; everything that must end a user's sessions does. */
class SessionLifecycleTest extends ApiServerTestBase {

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        bootstrapAdmin();
        ApiClient.Response first = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String oldRefresh = first.get("refresh_token");

        ApiClient.Response rotated = refresh(oldRefresh);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.get("token_type")).isEqualTo("bearer");
        assertThat(rotated.json().get("expires_in").asLong()).isEqualTo(10800);
        String newRefresh = rotated.get("refresh_token");
        String newAccess = rotated.get("access_token");
        assertThat(newRefresh).isNotEqualTo(oldRefresh);
        assertThat(me(newAccess)).isEqualTo(200);

        // the old refresh token was copied by someone: its reuse is refused and ends the session
        ApiClient.Response reuse = refresh(oldRefresh);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.get("detail")).contains("already used");
        assertThat(refresh(newRefresh).status()).isEqualTo(401);
        assertThat(me(newAccess)).isEqualTo(401);
        assertThat(me(first.get("access_token"))).isEqualTo(401);

        // other sessions are unaffected
        assertThat(me(accessToken(ADMIN_EMAIL, ADMIN_PASSWORD))).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionOnly() throws Exception {
        bootstrapAdmin();
        ApiClient.Response a = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        ApiClient.Response b = login(ADMIN_EMAIL, ADMIN_PASSWORD);

        ApiClient.Response out = api.post("/v1/auth/logout", Map.of("refresh_token", a.get("refresh_token")));
        assertThat(out.status()).isEqualTo(204);
        assertThat(me(a.get("access_token"))).isEqualTo(401);
        assertThat(refresh(a.get("refresh_token")).status()).isEqualTo(401);
        assertThat(me(b.get("access_token"))).isEqualTo(200);

        // logout with just the access token
        assertThat(api.post("/v1/auth/logout", null, b.get("access_token")).status()).isEqualTo(204);
        assertThat(me(b.get("access_token"))).isEqualTo(401);
        assertThat(api.post("/v1/auth/logout", null, null).status()).isEqualTo(400);

        // ended sessions do not pile up: the next login clears them
        accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(revoked_at) FROM sessions")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the bootstrap session and the new one").isEqualTo(2);
            assertThat(rs.getInt(2)).as("revoked sessions left").isZero();
        }
    }

    @Test
    void passwordChangeEndsSessionsAndOnlyTheNewPasswordWorks() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, "ops@yourcompany.com", "FirstPassword123!", "viewer");
        ApiClient.Response session = login("ops@yourcompany.com", "FirstPassword123!");

        assertThat(api.patch("/v1/auth/users/" + id, Map.of("password", "SecondPassword456!"), admin).status())
                .isEqualTo(200);
        assertThat(me(session.get("access_token"))).isEqualTo(401);
        assertThat(refresh(session.get("refresh_token")).status()).isEqualTo(401);
        assertThat(login("ops@yourcompany.com", "FirstPassword123!").status()).isEqualTo(401);
        assertThat(login("ops@yourcompany.com", "SecondPassword456!").status()).isEqualTo(200);
    }

    @Test
    void roleChangeEndsSessionsAndTheNewRoleApplies() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, "ops@yourcompany.com", "FirstPassword123!", "viewer");
        String viewerToken = accessToken("ops@yourcompany.com", "FirstPassword123!");
        assertThat(api.get("/v1/auth/users", viewerToken).status()).isEqualTo(403);

        ApiClient.Response promoted = api.patch("/v1/auth/users/" + id, Map.of("role", "admin"), admin);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.get("role")).isEqualTo("admin");
        assertThat(me(viewerToken)).isEqualTo(401);
        assertThat(api.get("/v1/auth/users", accessToken("ops@yourcompany.com", "FirstPassword123!")).status())
                .isEqualTo(200);
    }

    @Test
    void anAccessTokenAlreadyVerifiedIsRefusedOnceItsSessionEnds() {
        String admin = bootstrapAdmin();
        createUser(admin, "ops@yourcompany.com", "FirstPassword123!", "viewer");
        ApiClient.Response loggedOut = login("ops@yourcompany.com", "FirstPassword123!");
        ApiClient.Response disabled = login("ops@yourcompany.com", "FirstPassword123!");
        String token = loggedOut.get("access_token");
        // used repeatedly, so its signature check is remembered by the server
        for (int i = 0; i < 3; i++) {
            assertThat(me(token)).isEqualTo(200);
            assertThat(me(disabled.get("access_token"))).isEqualTo(200);
        }

        assertThat(api.post("/v1/auth/logout", Map.of("refresh_token", loggedOut.get("refresh_token"))).status())
                .isEqualTo(204);
        assertThat(me(token)).isEqualTo(401);
        assertThat(me(disabled.get("access_token"))).isEqualTo(200);

        String id = api.get("/v1/auth/me", disabled.get("access_token")).get("id");
        assertThat(api.post("/v1/auth/users/" + id + "/disable", null, admin).status()).isIn(200, 204);
        assertThat(me(disabled.get("access_token"))).isEqualTo(401);
    }

    @Test
    void deletedUsersTokensStopWorking() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, "ops@yourcompany.com", "FirstPassword123!", "viewer");
        ApiClient.Response session = login("ops@yourcompany.com", "FirstPassword123!");

        assertThat(api.delete("/v1/auth/users/" + id, admin).status()).isEqualTo(204);
        assertThat(me(session.get("access_token"))).isEqualTo(401);
        assertThat(refresh(session.get("refresh_token")).status()).isEqualTo(401);
        assertThat(api.get("/v1/auth/users/" + id, admin).status()).isEqualTo(404);
    }

    private static ApiClient.Response refresh(String refreshToken) {
        return api.post("/v1/auth/refresh", Map.of("refresh_token", refreshToken));
    }

    private static int me(String token) {
        return api.get("/v1/auth/me", token).status();
    }
}
