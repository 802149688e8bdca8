package io.openluffy.api;

import io.openluffy.api.config.EnvironmentConfig;
import io.openluffy.api.users.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code OPENLUFFY_BOOTSTRAP_TOKEN} set (as the operator sets it), only a caller presenting it can create the
 * first admin; whoever else reaches a fresh instance first gets 401 and changes nothing.
 */
class BootstrapTokenTest extends ApiServerTestBase {
    /** '+', '/', '=' and '&' make the base64 and URL-encoded forms differ from the plain one. */
    private static final String TOKEN = "Bootstrap+Token/4f9c=e1a7&Q2";
    private static final String PATH = "/v1/auth/bootstrap/create-admin";
    private static final Map<String, String> ADMIN = Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD,
            "first_name", "Admin", "last_name", "User");
    private static LogCapture logs;

    @BeforeAll
    static void restartWithTheTokenFromTheEnvironment() {
        logs = LogCapture.attach();
        server.close();
        server = ApiServer.start(EnvironmentConfig.read(Map.of("OPENLUFFY_BOOTSTRAP_TOKEN", TOKEN,
                "OPENLUFFY_PORT", "0", "OPENLUFFY_DATA_DIR", dataDir.toString())));
        api = new ApiClient(server.baseUrl());
    }

    @AfterAll
    static void detach() {
        logs.close();
    }

    @Test
    void withoutTheTokenItIs401AndNothingIsCreated() throws SQLException {
        double unauthorized = bootstrapSeries("unauthorized");

        assertDetail(api.post(PATH, ADMIN), 401, "send 'Authorization: Bearer <OPENLUFFY_BOOTSTRAP_TOKEN>'");
        assertDetail(api.sendWithHeaders("POST", PATH, ADMIN, Map.of("Authorization", "Bearer ")), 401,
                "bootstrap token");
        // the token is checked before the body is read: a stranger learns nothing from validation errors
        assertDetail(api.post(PATH, "{\"email\": "), 401, "bootstrap token");
        // the UI's bootstrap route is no way around it
        assertDetail(api.sendWithHeaders("POST", "/v1/auth/session/bootstrap", ADMIN, Map.of("X-OpenLuffy-UI", "1")),
                401, "bootstrap token");

        assertThat(users()).isZero();
        // the UI does not offer what it cannot do: the operator creates this instance's admin
        assertThat(api.get("/v1/auth/bootstrap", null).json().get("available").asBoolean()).isFalse();
        // the series counts the operator's route, not the UI's
        assertThat(bootstrapSeries("unauthorized")).isEqualTo(unauthorized + 3);
    }

    @Test
    void aWrongTokenIs401AndNothingIsCreated() throws SQLException {
        String lastCharChanged = TOKEN.substring(0, TOKEN.length() - 1) + "3";
        for (String wrong : new String[] {lastCharChanged, TOKEN.substring(1), TOKEN + "x", TOKEN.toLowerCase(),
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}) {
            assertDetail(api.post(PATH, ADMIN, wrong), 401, "Invalid bootstrap token.");
        }
        assertDetail(api.sendWithHeaders("POST", "/v1/auth/session/bootstrap", ADMIN,
                Map.of("X-OpenLuffy-UI", "1", "Authorization", "Bearer " + lastCharChanged)), 401, "Invalid bootstrap token.");
        assertThat(users()).isZero();
    }

    @Test
    void withTheTokenTheGuidesBehaviourHolds() throws SQLException {
        ApiClient.Response created = api.post(PATH, ADMIN, TOKEN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("user").get("role").asText()).isEqualTo("admin");
        assertThat(api.get("/v1/auth/me", created.get("access_token")).get("email")).isEqualTo(ADMIN_EMAIL);

        assertDetail(api.post(PATH, Map.of("email", "second@yourcompany.com", "password", "AnotherPassword123!"), TOKEN),
                403, UserService.BOOTSTRAP_DONE);
        // without the token the answer stays 401: a stranger cannot even learn that bootstrap is done
        assertDetail(api.post(PATH, ADMIN), 401, "bootstrap token");
        // on the same keep-alive connection as the right token: Jetty's header cache must not hand back the cached
        // value for one that differs only in case (it did by default)
        assertDetail(api.post(PATH, ADMIN, TOKEN.toLowerCase()), 401, "Invalid bootstrap token.");
        assertThat(users()).isOne();
        assertThat(accessToken(ADMIN_EMAIL, ADMIN_PASSWORD)).isNotBlank();
    }

    @Test
    void theTokenIsNeverLogged() {
        api.post(PATH, ADMIN, TOKEN + "x");
        api.post(PATH, ADMIN, TOKEN.substring(0, TOKEN.length() - 1));
        api.post(PATH, "{\"email\": ", TOKEN);
        assertThat(api.post(PATH, ADMIN, TOKEN).status()).isEqualTo(201);
        api.post(PATH, ADMIN, TOKEN);

        String everything = logs.text();
        // the capture works: start-up and the requests above are there
        assertThat(everything).contains("listening on").contains("POST " + PATH + " 401")
                .contains("POST " + PATH + " 201").contains("POST " + PATH + " 403");
        for (String form : LogCapture.encodings(TOKEN)) {
            assertThat(everything).as("the bootstrap token was logged").doesNotContain(form);
        }
    }

    @Test
    void unsetNothingChanges(@TempDir Path otherDataDir) {
        try (ApiServer open = ApiServer.start(EnvironmentConfig.read(Map.of("OPENLUFFY_PORT", "0",
                "OPENLUFFY_DATA_DIR", otherDataDir.toString())))) {
            ApiClient client = new ApiClient(open.baseUrl());
            assertThat(client.get("/v1/auth/bootstrap", null).json().get("available").asBoolean()).isTrue();
            // any Authorization header is ignored on this public route, as before (it is not read as a JWT)
            ApiClient.Response created = client.post(PATH, ADMIN, "not-a-jwt");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertDetail(client.post(PATH, ADMIN), 403, UserService.BOOTSTRAP_DONE);
        }
    }

    private static long users() throws SQLException {
        return Queries.count(server.dataSource(), "SELECT count(*) FROM users");
    }

    private static double bootstrapSeries(String outcome) {
        return PrometheusText.parse(api.get("/metrics", null).body())
                .get("openluffy_bootstrap_total{outcome=\"" + outcome + "\"}");
    }
}
