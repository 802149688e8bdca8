package io.openluffy.api;

import io.openluffy.api.config.ApiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** Users, completed: own password change, disabling and enabling users, admin password reset. */
class AccountApiTest extends ApiServerTestBase {
    static final String VIEWER = "viewer@yourcompany.com";
    static final String VIEWER_PASSWORD = "ViewerPassword123!";

    @Test
    void changingOwnPasswordNeedsTheOldOneAndEndsOtherSessions() {
        String admin = bootstrapAdmin();
        createUser(admin, VIEWER, VIEWER_PASSWORD, "viewer");
        ApiClient.Response here = login(VIEWER, VIEWER_PASSWORD);
        ApiClient.Response elsewhere = login(VIEWER, VIEWER_PASSWORD);
        String apiToken = api.post("/v1/auth/tokens", Map.of("name", "ci"), here.get("access_token")).get("token");

        assertDetail(changePassword(here.get("access_token"), "WrongPassword123!", "NewViewerPassword456!"), 403,
                "current password is incorrect");
        assertDetail(changePassword(here.get("access_token"), VIEWER_PASSWORD, "short"), 400, "at least 12");
        assertDetail(api.post("/v1/auth/me/password", Map.of("new_password", "NewViewerPassword456!"),
                here.get("access_token")), 400, "current_password is required");
        assertDetail(changePassword(null, VIEWER_PASSWORD, "NewViewerPassword456!"), 401, "Authentication required");
        assertThat(login(VIEWER, VIEWER_PASSWORD).status()).as("nothing changed yet").isEqualTo(200);

        assertThat(changePassword(here.get("access_token"), VIEWER_PASSWORD, "NewViewerPassword456!").status())
                .isEqualTo(204);
        assertThat(me(here.get("access_token"))).as("the session that changed it").isEqualTo(200);
        assertThat(me(elsewhere.get("access_token"))).as("another session").isEqualTo(401);
        assertThat(api.post("/v1/auth/refresh", Map.of("refresh_token", elsewhere.get("refresh_token"))).status())
                .isEqualTo(401);
        assertThat(me(apiToken)).as("API tokens are not sessions").isEqualTo(200);
        assertThat(login(VIEWER, VIEWER_PASSWORD).status()).isEqualTo(401);
        assertThat(login(VIEWER, "NewViewerPassword456!").status()).isEqualTo(200);
    }

    @Test
    void disabledUsersCannotLogInAndTheirTokensStopWorking() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, VIEWER, VIEWER_PASSWORD, "viewer");
        ApiClient.Response session = login(VIEWER, VIEWER_PASSWORD);
        String apiToken = api.post("/v1/auth/tokens", Map.of("name", "ci"), session.get("access_token")).get("token");

        assertDetail(api.post("/v1/auth/users/" + id + "/disable", null, session.get("access_token")), 403,
                "admin role");
        ApiClient.Response disabled = api.post("/v1/auth/users/" + id + "/disable", null, admin);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(disabled.get("disabled_at")).isNotBlank();
        assertThat(api.get("/v1/auth/users/" + id, admin).json().get("disabled").asBoolean()).isTrue();

        assertThat(me(session.get("access_token"))).isEqualTo(401);
        assertThat(me(apiToken)).isEqualTo(401);
        assertThat(api.post("/v1/auth/refresh", Map.of("refresh_token", session.get("refresh_token"))).status())
                .isEqualTo(401);
        assertDetail(login(VIEWER, VIEWER_PASSWORD), 401, "Invalid email or password");

        createUser(admin, "other@yourcompany.com", "OtherViewer123!", "viewer");
        assertDetail(api.post("/v1/auth/users/" + id + "/enable", null, accessToken("other@yourcompany.com",
                "OtherViewer123!")), 403, "admin role");
        ApiClient.Response enabled = api.post("/v1/auth/users/" + id + "/enable", null, admin);
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("disabled").asBoolean()).isFalse();
        assertThat(me(apiToken)).as("API tokens deleted by disabling stay deleted").isEqualTo(401);
        assertThat(me(session.get("access_token"))).as("sessions ended by disabling stay ended").isEqualTo(401);
        assertThat(login(VIEWER, VIEWER_PASSWORD).status()).isEqualTo(200);
        assertDetail(api.post("/v1/auth/users/00000000-0000-0000-0000-000000000000/disable", null, admin), 404,
                "User not found");
    }

    @Test
    void theInstanceKeepsOneAdminWhoIsNotDisabled() {
        String admin = bootstrapAdmin();
        String adminId = api.get("/v1/auth/me", admin).get("id");
        assertDetail(api.post("/v1/auth/users/" + adminId + "/disable", null, admin), 409, "your own account");

        String secondId = createUser(admin, "second@yourcompany.com", "SecondAdmin123!", "admin");
        String second = accessToken("second@yourcompany.com", "SecondAdmin123!");
        assertThat(api.post("/v1/auth/users/" + secondId + "/disable", null, admin).status()).isEqualTo(200);
        // the only admin left who can act may not be demoted, deleted or disabled
        assertDetail(api.patch("/v1/auth/users/" + adminId, Map.of("role", "viewer"), admin), 409, "last admin");
        assertDetail(api.delete("/v1/auth/users/" + adminId, admin), 409, "last admin");
        assertThat(me(second)).isEqualTo(401);
        // a disabled admin can be deleted: it was not keeping the instance manageable
        assertThat(api.delete("/v1/auth/users/" + secondId, admin).status()).isEqualTo(204);
    }

    @Test
    void adminResetsAPasswordAndTheUsersSessionsEnd() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, VIEWER, VIEWER_PASSWORD, "viewer");
        String session = accessToken(VIEWER, VIEWER_PASSWORD);

        ApiClient.Response reset = api.patch("/v1/auth/users/" + id, Map.of("password", "ResetByAdmin789!"), admin);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).doesNotContain("ResetByAdmin789!");
        assertThat(me(session)).isEqualTo(401);
        assertThat(login(VIEWER, VIEWER_PASSWORD).status()).isEqualTo(401);
        assertThat(login(VIEWER, "ResetByAdmin789!").status()).isEqualTo(200);
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeLogins(@TempDir Path otherDataDir) {
        try (ApiServer strict = ApiServer.start(ApiConfig.builder().port(0).dataDir(otherDataDir)
                .loginFailuresPerHour(2).build())) {
            ApiClient client = new ApiClient(strict.baseUrl());
            String token = client.post("/v1/auth/bootstrap/create-admin",
                    Map.of("email", "admin@dev.local", "password", "DevPassword123!")).get("access_token");
            Map<String, Object> wrong = Map.of("current_password", "Guess0000000!", "new_password", "NewPassword456!");
            assertThat(client.post("/v1/auth/me/password", wrong, token).status()).isEqualTo(403);
            assertThat(client.post("/v1/auth/me/password", wrong, token).status()).isEqualTo(403);
            ApiClient.Response blocked = client.post("/v1/auth/me/password", Map.of("current_password",
                    "DevPassword123!", "new_password", "NewPassword456!"), token);
            assertDetail(blocked, 429, "Too many failed password checks");
            assertThat(blocked.header("Retry-After")).isNotBlank();
            // the same per-account budget as logging in
            assertThat(client.post("/v1/auth/login", ApiClient.credentials("admin@dev.local", "DevPassword123!"))
                    .status()).isEqualTo(429);
        }
    }

    private static ApiClient.Response changePassword(String token, String current, String next) {
        return api.post("/v1/auth/me/password", Map.of("current_password", current, "new_password", next), token);
    }

    private static int me(String token) {
        return api.get("/v1/auth/me", token).status();
    }
}
