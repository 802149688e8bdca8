package io.openluffy.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/audit}: every admin action leaves an entry naming actor, action and target, never a secret. */
class AuditApiTest extends ApiServerTestBase {
    static final String GITHUB_TOKEN = "ghp_AuditTrailTokenValue0123456789abcdef";
    static final String ARGO_TOKEN = "argocd-audit-test-token-value";

    /**
     * The audit entry is written in the transaction of its change: when the entry cannot be written (here a
     * constraint refuses it), the change does not happen either, so no change goes unrecorded.
     */
    @Test
    void aChangeWhoseAuditEntryFailsDoesNotHappen() throws SQLException {
        String admin = bootstrapAdmin();
        String userId = createUser(admin, "user@yourcompany.com", "UserPassword123!", "viewer");
        String tokenId = api.post("/v1/auth/tokens", Map.of("name", "ci"), admin).get("id");
        Queries.execute(server.dataSource(), "ALTER TABLE audit_log ADD CONSTRAINT refuse_for_test "
                + "CHECK (action NOT IN ('user.created', 'user.role_changed', 'user.disabled', 'user.deleted', "
                + "'api_token.created', 'api_token.revoked')) NOT VALID");
        try {
            assertThat(api.post("/v1/auth/users", ApiClient.user("new@yourcompany.com", "UserPassword123!", "viewer"),
                    admin).status()).isEqualTo(503);
            assertThat(api.patch("/v1/auth/users/" + userId, Map.of("role", "admin"), admin).status()).isEqualTo(503);
            assertThat(api.post("/v1/auth/users/" + userId + "/disable", null, admin).status()).isEqualTo(503);
            assertThat(api.delete("/v1/auth/users/" + userId, admin).status()).isEqualTo(503);
            assertThat(api.post("/v1/auth/tokens", Map.of("name", "second"), admin).status()).isEqualTo(503);
            assertThat(api.delete("/v1/auth/tokens/" + tokenId, admin).status()).isEqualTo(503);
        } finally {
            Queries.execute(server.dataSource(), "ALTER TABLE audit_log DROP CONSTRAINT refuse_for_test");
        }
        ApiClient.Response user = api.get("/v1/auth/users/" + userId, admin);
        assertThat(user.get("role")).isEqualTo("viewer");
        assertThat(user.json().get("disabled").asBoolean()).isFalse();
        assertThat(api.get("/v1/auth/users", admin).json()).hasSize(2);
        assertThat(api.get("/v1/auth/tokens", admin).json()).extracting(t -> t.get("id").asText())
                .containsExactly(tokenId);
    }

    @Test
    void aCustomerOrIntegrationChangeWhoseAuditEntryFailsDoesNotHappen() throws SQLException {
        String admin = bootstrapAdmin();
        String id = api.post("/v1/customers", Map.of("name", "Acme", "description", "Old"), admin).get("id");
        api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", GITHUB_TOKEN), admin);
        String setAt = api.get("/v1/customers/" + id + "/github-token", admin).get("set_at");
        api.send("PUT", "/v1/integrations/argocd", Map.of("url", "http://127.0.0.1:9", "token", ARGO_TOKEN), admin);
        Queries.execute(server.dataSource(), "ALTER TABLE audit_log ADD CONSTRAINT refuse_for_test "
                + "CHECK (action NOT LIKE 'customer.%' AND action NOT LIKE 'integration.%') NOT VALID");
        try {
            assertThat(api.post("/v1/customers", Map.of("name", "Other"), admin).status()).isEqualTo(503);
            assertThat(api.patch("/v1/customers/" + id, Map.of("description", "New"), admin).status()).isEqualTo(503);
            assertThat(api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", GITHUB_TOKEN + "2"),
                    admin).status()).isEqualTo(503);
            assertThat(api.delete("/v1/customers/" + id + "/github-token", admin).status()).isEqualTo(503);
            assertThat(api.delete("/v1/customers/" + id, admin).status()).isEqualTo(503);
            assertThat(api.send("PUT", "/v1/integrations/argocd", Map.of("url", "http://127.0.0.1:10",
                    "token", ARGO_TOKEN), admin).status()).isEqualTo(503);
            assertThat(api.delete("/v1/integrations/argocd", admin).status()).isEqualTo(503);
        } finally {
            Queries.execute(server.dataSource(), "ALTER TABLE audit_log DROP CONSTRAINT refuse_for_test");
        }
        assertThat(api.get("/v1/customers", admin).json()).hasSize(1);
        assertThat(api.get("/v1/customers/" + id, admin).get("description")).isEqualTo("Old");
        ApiClient.Response token = api.get("/v1/customers/" + id + "/github-token", admin);
        assertThat(token.get("set_at")).isEqualTo(setAt);
        assertThat(token.get("last4")).isEqualTo(GITHUB_TOKEN.substring(GITHUB_TOKEN.length() - 4));
        ApiClient.Response argo = api.get("/v1/integrations/argocd", admin);
        assertThat(argo.get("url")).isEqualTo("http://127.0.0.1:9");
        assertThat(argo.json().get("token_set").asBoolean()).isTrue();
    }

    @Test
    void everyAdminActionIsRecordedNewestFirst() {
        String admin = bootstrapAdmin();
        String userId = createUser(admin, "user@yourcompany.com", "UserPassword123!", "viewer");
        api.patch("/v1/auth/users/" + userId, Map.of("role", "admin"), admin);
        api.patch("/v1/auth/users/" + userId, Map.of("password", "ResetPassword456!", "first_name", "Jo"), admin);
        api.post("/v1/auth/users/" + userId + "/disable", null, admin);
        api.post("/v1/auth/users/" + userId + "/enable", null, admin);
        String tokenId = api.post("/v1/auth/tokens", Map.of("name", "ci"), admin).get("id");
        api.delete("/v1/auth/tokens/" + tokenId, admin);
        String customerId = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
        api.patch("/v1/customers/" + customerId, Map.of("description", "Big"), admin);
        api.send("PUT", "/v1/customers/" + customerId + "/github-token", Map.of("token", GITHUB_TOKEN), admin);
        api.delete("/v1/customers/" + customerId + "/github-token", admin);
        api.send("PUT", "/v1/integrations/argocd", Map.of("url", "http://127.0.0.1:9", "token", ARGO_TOKEN), admin);
        api.delete("/v1/integrations/argocd", admin);
        api.delete("/v1/customers/" + customerId, admin);
        api.delete("/v1/auth/users/" + userId, admin);
        // a refused action changes nothing and is not recorded
        assertThat(api.post("/v1/customers", Map.of("name", ""), admin).status()).isEqualTo(400);

        ApiClient.Response r = api.get("/v1/audit?limit=100", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        for (JsonNode e : r.json().get("items")) {
            actions.add(e.get("action").asText());
            assertThat(e.get("actor_email").asText()).isEqualTo(ADMIN_EMAIL);
            assertThat(e.get("time").asText()).isNotBlank();
        }
        assertThat(actions).containsExactly(
                "user.deleted", "customer.deleted", "integration.deleted", "integration.changed",
                "customer.github_token_deleted", "customer.github_token_set", "customer.updated", "customer.created",
                "api_token.revoked", "api_token.created", "user.enabled", "user.disabled",
                "user.updated", "user.password_reset", "user.role_changed", "user.created");
        assertThat(r.json().get("total").asLong()).isEqualTo(actions.size());
        JsonNode roleChange = r.json().get("items").get(14);
        assertThat(roleChange.get("target").asText()).contains(userId).contains("from viewer to admin");
        assertThat(r.json().get("items").get(5).get("target").asText()).contains(customerId).contains("Acme");
        assertThat(r.body()).doesNotContain(GITHUB_TOKEN).doesNotContain(ARGO_TOKEN)
                .doesNotContain("ResetPassword456!").doesNotContain("UserPassword123!");
    }

    @Test
    void pagedAndAdminOnly() {
        String admin = bootstrapAdmin();
        for (String name : List.of("A", "B", "C")) {
            api.post("/v1/customers", Map.of("name", name), admin);
        }
        JsonNode first = api.get("/v1/audit?limit=2", admin).json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("target").asText()).contains("(C)");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        JsonNode second = api.get("/v1/audit?limit=2&offset=2", admin).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("target").asText()).contains("(A)");

        assertDetail(api.get("/v1/audit?limit=0", admin), 400, "limit");
        assertDetail(api.get("/v1/audit?offset=x", admin), 400, "offset");
        createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        assertDetail(api.get("/v1/audit", accessToken("viewer@yourcompany.com", "ViewerPassword123!")), 403,
                "admin role");
        assertDetail(api.get("/v1/audit", null), 401, "Authentication required");
    }

    @Test
    void filteredByAction() {
        String admin = bootstrapAdmin();
        api.post("/v1/customers", Map.of("name", "A"), admin);
        createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        api.post("/v1/customers", Map.of("name", "B"), admin);

        JsonNode created = api.get("/v1/audit?action=customer.created", admin).json();
        assertThat(created.get("total").asLong()).isEqualTo(2);
        assertThat(created.get("items")).extracting(e -> e.get("action").asText()).containsOnly("customer.created");
        assertThat(created.get("items").get(0).get("target").asText()).contains("(B)");
        assertThat(api.get("/v1/audit?action=user.created", admin).json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/v1/audit?action=", admin).json().get("total").asLong()).isEqualTo(3);

        assertDetail(api.get("/v1/audit?action=user.hacked", admin), 400, "action must be one of");
        JsonNode actions = api.get("/v1/audit/actions", admin).json();
        assertThat(actions).extracting(JsonNode::asText).contains("customer.created", "user.deleted");
    }
}
