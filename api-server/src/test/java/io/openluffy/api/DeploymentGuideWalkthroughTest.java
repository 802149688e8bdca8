package io.openluffy.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment guide's first-time setup, step by step, as an operator would run it with curl. */
class DeploymentGuideWalkthroughTest extends ApiServerTestBase {

    @Test
    void bootstrapLoginAndCreateUser() {
        // Step 2: bootstrap the first admin
        ApiClient.Response boot = api.post("/v1/auth/bootstrap/create-admin", """
                {
                  "email": "admin@yourcompany.com",
                  "password": "YourSecurePassword123!",
                  "first_name": "Admin",
                  "last_name": "User"
                }""");
        assertThat(boot.status()).as(boot.body()).isEqualTo(201);
        JsonNode user = boot.json().get("user");
        assertThat(user.get("email").asText()).isEqualTo("admin@yourcompany.com");
        assertThat(user.get("role").asText()).isEqualTo("admin");
        assertThat(user.get("first_name").asText()).isEqualTo("Admin");
        assertThat(boot.body()).doesNotContain("YourSecurePassword123!").doesNotContain("argon2");
        assertThat(boot.get("access_token")).isNotBlank();

        // Log in
        ApiClient.Response login = login("admin@yourcompany.com", "YourSecurePassword123!");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.get("token_type")).isEqualTo("bearer");
        assertThat(login.json().get("expires_in").asLong()).isEqualTo(10800);
        assertThat(login.get("refresh_token")).isNotBlank();
        String adminToken = login.get("access_token");

        ApiClient.Response me = api.get("/v1/auth/me", adminToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.get("email")).isEqualTo("admin@yourcompany.com");

        // Step 3: create additional users
        ApiClient.Response created = api.post("/v1/auth/users", """
                {
                  "email": "user@yourcompany.com",
                  "password": "SecurePassword123!",
                  "first_name": "John",
                  "last_name": "Doe",
                  "role": "viewer"
                }""", adminToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.get("role")).isEqualTo("viewer");
        assertThat(created.get("id")).isNotBlank();

        String viewerToken = accessToken("user@yourcompany.com", "SecurePassword123!");
        assertThat(api.get("/v1/auth/me", viewerToken).get("first_name")).isEqualTo("John");
    }

    @Test
    void bootstrapIsRefusedOnceInitialized() {
        bootstrapAdmin();
        ApiClient.Response again = api.post("/v1/auth/bootstrap/create-admin",
                "{\"email\":\"admin@dev.local\",\"password\":\"DevPassword123!\"}");
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.body())
                .isEqualTo("{\"detail\":\"Bootstrap already complete. This instance has been initialized.\"}");
        assertThat(login("admin@dev.local", "DevPassword123!").status()).isEqualTo(401);
        // once initialized, the answer does not depend on the request's content
        assertThat(api.post("/v1/auth/bootstrap/create-admin", Map.of("email", "x@y.io", "password", "short"))
                .status()).isEqualTo(403);
    }

    @Test
    void bootstrapWithoutNamesAsInTheMultiEnvironmentExample() {
        ApiClient.Response r = api.post("/v1/auth/bootstrap/create-admin",
                "{\"email\":\"admin@dev.local\",\"password\":\"DevPassword123!\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(accessToken("admin@dev.local", "DevPassword123!")).isNotBlank();
    }

    @Test
    void badBootstrapInputIsA400AndCreatesNothing() {
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", "{\"email\": \"admin@x.io\", "), 400, "Malformed JSON");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", ""), 400, "JSON object");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", "[1,2]"), 400, "JSON object");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", Map.of("password", "LongEnoughPassw0rd")), 400,
                "email is required");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", Map.of("email", "a@b.io")), 400, "password is required");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", Map.of("email", "not-an-email", "password",
                "LongEnoughPassw0rd")), 400, "valid e-mail");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", Map.of("email", "a@b.io", "password", "short")),
                400, "at least 12 characters");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", Map.of("email", "a@b.io", "password",
                "LongEnoughPassw0rd", "admin", true)), 400, "Unknown field 'admin'");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", "{\"email\": {\"a\": 1}, \"password\": \"x\"}"),
                400, "field 'email'");
        // nothing was created: bootstrap still works
        bootstrapAdmin();
    }

    @Test
    void errorsAreJsonWithDetail() {
        assertDetail(api.get("/no/such/route", null), 404, "Not found");
        assertDetail(api.get("/v1/auth/me", null), 401, "Authentication required");
        String huge = "{\"email\":\"" + "a".repeat(1024 * 1024) + "@b.io\",\"password\":\"LongEnoughPassw0rd\"}";
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", huge), 413, "too large");
    }

    @Test
    void healthAndReadiness() {
        assertThat(api.get("/healthz", null).status()).isEqualTo(200);
        ApiClient.Response ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.get("status")).isEqualTo("ready");
    }

    static void assertDetail(ApiClient.Response r, int status, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().size()).as(r.body()).isEqualTo(1);
        assertThat(r.get("detail")).contains(detailPart);
    }
}
