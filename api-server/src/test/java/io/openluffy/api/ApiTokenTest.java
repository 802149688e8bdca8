package io.openluffy.api;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens for automation: shown once, stored hashed, usable as Bearer with the owner's role, revocable. */
class ApiTokenTest extends ApiServerTestBase {

    @Test
    void tokenIsShownOnceStoredHashedAndActsAsItsOwner() throws Exception {
        String admin = bootstrapAdmin();
        ApiClient.Response created = api.post("/v1/auth/tokens", Map.of("name", "argocd-sync"), admin);
        assertThat(created.status()).isEqualTo(201);
        String token = created.get("token");
        assertThat(token).startsWith("olt_").hasSizeGreaterThan(40);

        ApiClient.Response list = api.get("/v1/auth/tokens", admin);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("name").asText()).isEqualTo("argocd-sync");
        assertThat(list.body()).doesNotContain(token).doesNotContain("\"token\"");

        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM api_tokens")) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(rs.getObject(i))).doesNotContain(token.substring(4));
            }
        }

        // the token is an admin credential, like its owner
        assertThat(api.get("/v1/auth/me", token).get("email")).isEqualTo(ADMIN_EMAIL);
        assertThat(api.post("/v1/auth/users", ApiClient.user("bot@yourcompany.com", "BotPassword123!", "viewer"), token)
                .status()).isEqualTo(201);
        assertThat(api.get("/v1/auth/tokens", admin).json().get(0).has("last_used_at")).isTrue();

        String id = created.get("id");
        assertThat(api.delete("/v1/auth/tokens/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/v1/auth/me", token).status()).isEqualTo(401);
        assertThat(api.delete("/v1/auth/tokens/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void anAdminListsAndRevokesAnotherUsersTokens() {
        String admin = bootstrapAdmin();
        Viewer ci = viewerWithToken(admin);

        ApiClient.Response listed = api.get("/v1/auth/users/" + ci.id() + "/tokens", admin);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.body()).doesNotContain(ci.apiToken());
        String tokenId = listed.json().get(0).get("id").asText();
        assertThat(api.delete("/v1/auth/tokens/" + tokenId, admin).status()).isEqualTo(204);
        assertThat(api.get("/v1/auth/me", ci.apiToken()).status()).isEqualTo(401);
        assertThat(api.get("/v1/auth/users/" + ci.id() + "/tokens", admin).json()).isEmpty();
        assertThat(api.get("/v1/audit", admin).body()).contains("api_token.revoked");
    }

    @Test
    void anAdminPasswordResetDeletesTheUsersTokensAnOwnChangeKeepsThem() {
        String admin = bootstrapAdmin();
        Viewer ci = viewerWithToken(admin);

        assertThat(api.post("/v1/auth/me/password", Map.of("current_password", "CiPassword1234!",
                "new_password", "CiPassword5678!"), ci.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/v1/auth/me", ci.apiToken()).status()).isEqualTo(200);

        assertThat(api.patch("/v1/auth/users/" + ci.id(), Map.of("password", "ResetPassword123!"), admin).status())
                .isEqualTo(200);
        assertThat(api.get("/v1/auth/me", ci.apiToken()).status()).isEqualTo(401);
    }

    @Test
    void viewerTokenHasViewerRightsAndDiesWithItsOwner() {
        String admin = bootstrapAdmin();
        Viewer ci = viewerWithToken(admin);

        assertThat(api.get("/v1/auth/me", ci.apiToken()).get("role")).isEqualTo("viewer");
        assertThat(api.get("/v1/auth/users", ci.apiToken()).status()).isEqualTo(403);
        // it is not in the admin's own list, and another viewer cannot revoke it
        assertThat(api.get("/v1/auth/tokens", admin).json()).isEmpty();
        String tokenId = api.get("/v1/auth/tokens", ci.accessToken()).json().get(0).get("id").asText();
        createUser(admin, "other@yourcompany.com", "OtherPassword123!", "viewer");
        String other = accessToken("other@yourcompany.com", "OtherPassword123!");
        assertThat(api.delete("/v1/auth/tokens/" + tokenId, other).status()).isEqualTo(404);
        assertThat(api.get("/v1/auth/me", ci.apiToken()).status()).isEqualTo(200);

        assertThat(api.delete("/v1/auth/users/" + ci.id(), admin).status()).isEqualTo(204);
        assertThat(api.get("/v1/auth/me", ci.apiToken()).status()).isEqualTo(401);
    }

    /** A viewer "ci@yourcompany.com" with a session and one API token. */
    private record Viewer(String id, String accessToken, String apiToken) {
    }

    private static Viewer viewerWithToken(String admin) {
        String id = createUser(admin, "ci@yourcompany.com", "CiPassword1234!", "viewer");
        String access = accessToken("ci@yourcompany.com", "CiPassword1234!");
        return new Viewer(id, access, api.post("/v1/auth/tokens", Map.of("name", "ci"), access).get("token"));
    }

    @Test
    void tokenNeedsAName() {
        String admin = bootstrapAdmin();
        assertThat(api.post("/v1/auth/tokens", Map.of("name", " "), admin).status()).isEqualTo(400);
        assertThat(api.post("/v1/auth/tokens", "{}", admin).status()).isEqualTo(400);
        assertThat(api.post("/v1/auth/tokens", Map.of("name", "x"), null).status()).isEqualTo(401);
    }
}
