package io.openluffy.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** Input an attacker sends on purpose: every answer is a 4xx with JSON {"detail"}, and nothing changes. */
class HostileInputTest extends ApiServerTestBase {

    @Test
    void methodOverrideHeaderIsIgnored() {
        String admin = bootstrapAdmin();
        String id = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
        for (String method : new String[]{"GET", "HEAD", "OPTIONS"}) {
            for (String override : new String[]{"DELETE", "PATCH", "POST"}) {
                RawHttp.send(server.port(), method + " /v1/customers/" + id + " HTTP/1.1\r\nAuthorization: Bearer "
                        + admin + "\r\nX-HTTP-Method-Override: " + override);
            }
        }
        assertThat(api.get("/v1/customers/" + id, admin).status()).isEqualTo(200);
        assertThat(api.get("/v1/customers/" + id, admin).get("name")).isEqualTo("Acme");
    }

    @Test
    void trailingGarbageDuplicateKeysAndLoneSurrogatesAre400() throws Exception {
        String body = "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"";
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", body + "} trailing {{{"), 400, "");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", body + ",\"email\":\"other@example.com\"}"),
                400, "Malformed JSON");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", body + ",\"first_name\":\"A\\ud800b\"}"),
                400, "first_name");
        assertThat(userCount()).isZero();

        String admin = bootstrapAdmin();
        assertDetail(api.post("/v1/auth/login", body + "} trailing {{{"), 400, "");
        ApiClient.Response promoted = api.post("/v1/auth/users", "{\"email\":\"v@example.com\",\"password\":"
                + "\"ViewerPassword123!\",\"role\":\"viewer\",\"role\":\"admin\"}", admin);
        assertDetail(promoted, 400, "Malformed JSON");
        assertDetail(api.post("/v1/customers", "{\"name\":\"Acme\\udc00\"}", admin), 400, "name");
        assertThat(userCount()).isEqualTo(1);
    }

    @Test
    void nulCharactersAre400NotAnOutage() {
        String nul = "\\u0000";
        assertDetail(api.post("/v1/auth/login", "{\"email\":\"a" + nul + "@example.com\",\"password\":\"x\"}"),
                400, "email");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", "{\"email\":\"a" + nul + "@example.com\","
                + "\"password\":\"" + ADMIN_PASSWORD + "\"}"), 400, "email");
        assertDetail(api.post("/v1/auth/bootstrap/create-admin", "{\"email\":\"a@example.com\",\"password\":\""
                + ADMIN_PASSWORD + "\",\"first_name\":\"A" + nul + "\"}"), 400, "first_name");
        String admin = bootstrapAdmin();
        assertDetail(api.post("/v1/auth/users", "{\"email\":\"v@example.com\",\"password\":\"ViewerPassword123!\","
                + "\"last_name\":\"" + nul + "\"}", admin), 400, "last_name");
        assertDetail(api.post("/v1/auth/tokens", "{\"name\":\"ci" + nul + "\"}", admin), 400, "name");
        assertDetail(api.post("/v1/customers", "{\"name\":\"Acme" + nul + "\"}", admin), 400, "name");
        assertDetail(api.post("/v1/customers", "{\"name\":\"Acme\",\"description\":\"" + nul + "\"}", admin),
                400, "description");
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() {
        String admin = bootstrapAdmin();
        String[] requests = {
                "GET /v1/customers/%00 HTTP/1.1\r\nAuthorization: Bearer " + admin,
                "GET /v1/customers/%ff%fe HTTP/1.1\r\nAuthorization: Bearer " + admin,
                "GET /v1/customers/..;/auth/users HTTP/1.1\r\nAuthorization: Bearer " + admin,
                "GET /v1/" + "a".repeat(20_000) + " HTTP/1.1",
                "GET /v1/auth/me HTTP/1.1\r\nX-Big: " + "b".repeat(20_000),
                "CONNECT localhost:443 HTTP/1.1",
                "GET /v1/auth/me HTTP/1.1\r\nX-Nul: a\0b",
        };
        for (String request : requests) {
            RawHttp.Answer answer = RawHttp.send(server.port(), request);
            String line = request.substring(0, Math.min(60, request.indexOf(' ', 5)));
            assertThat(answer.status()).as(line).isBetween(400, 499);
            assertThat(answer.hasHeader("content-type: application/json")).as(line + answer.headers()).isTrue();
            assertThat(answer.body()).as(line).startsWith("{\"detail\":\"").endsWith("\"}");
        }
    }

    @Test
    void headFollowsTheAuthorisationOfGet() {
        String admin = bootstrapAdmin();
        createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        String viewer = accessToken("viewer@yourcompany.com", "ViewerPassword123!");
        assertThat(RawHttp.send(server.port(), "HEAD /v1/auth/me HTTP/1.1").status()).isEqualTo(401);
        assertThat(RawHttp.send(server.port(), "HEAD /v1/auth/users HTTP/1.1").status()).isEqualTo(401);
        assertThat(RawHttp.send(server.port(), "HEAD /v1/auth/users HTTP/1.1\r\nAuthorization: Bearer " + viewer)
                .status()).isEqualTo(403);
        assertThat(RawHttp.send(server.port(), "HEAD /v1/auth/users HTTP/1.1\r\nAuthorization: Bearer " + admin)
                .status()).isEqualTo(200);
    }

    @Test
    void tokenAnswersAreNotCachedAndNothingIsSniffed() {
        ApiClient.Response bootstrap = api.post("/v1/auth/bootstrap/create-admin", Map.of(
                "email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        ApiClient.Response login = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        ApiClient.Response refresh = api.post("/v1/auth/refresh", Map.of("refresh_token", login.get("refresh_token")));
        ApiClient.Response token = api.post("/v1/auth/tokens", Map.of("name", "ci"), login.get("access_token"));
        for (ApiClient.Response r : new ApiClient.Response[]{bootstrap, login, refresh, token}) {
            assertThat(r.status()).as(r.body()).isBetween(200, 201);
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        for (ApiClient.Response r : new ApiClient.Response[]{api.get("/healthz", null), api.get("/nowhere", null),
                api.get("/v1/auth/me", null)}) {
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void lookalikeAccountsCannotBeCreatedAndSpellingsShareOneAccount() throws Exception {
        String admin = bootstrapAdmin();
        createUser(admin, "casetest@example.com", "CaseTestPassword1!", "viewer");
        String[] sameAccount = {"\u00a0casetest@example.com", "ｃａｓｅｔｅｓｔ@example.com", "casetest@example.com.",
                "CaseTest@Example.COM"};
        for (String email : sameAccount) {
            ApiClient.Response r = api.post("/v1/auth/users", ApiClient.user(email, "OtherPassword123!", "viewer"), admin);
            assertDetail(r, 409, "already exists");
            assertThat(login(email, "CaseTestPassword1!").status()).as(email).isEqualTo(200);
        }
        String[] refused = {"case\u200btest@example.com", "\u202ecasetest@example.com", "cаsetest@example.com",
                "ca\u0301setest@example.com", "y\ua7c0@example.com", "case\u0000test@example.com"};
        for (String email : refused) {
            ApiClient.Response r = api.post("/v1/auth/users", ApiClient.user(email, "OtherPassword123!", "viewer"), admin);
            assertThat(r.status()).as(email).isEqualTo(400);
        }
        String other = createUser(admin, "other@example.com", "OtherPassword123!", "viewer");
        assertDetail(api.patch("/v1/auth/users/" + other, Map.of("email", "ＣＡＳＥＴＥＳＴ@example.com"), admin), 409,
                "already exists");
        assertThat(userCount()).isEqualTo(3);
    }

    private static long userCount() throws Exception {
        return Queries.count(server.dataSource(), "SELECT count(*) FROM users");
    }
}
