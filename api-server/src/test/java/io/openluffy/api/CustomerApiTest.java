package io.openluffy.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.openluffy.api.crypto.SecretVault;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;

import static io.openluffy.api.DeploymentGuideWalkthroughTest.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/customers} and their encrypted GitHub tokens, over real HTTP on a real PostgreSQL. */
class CustomerApiTest extends ApiServerTestBase {
    static final String GITHUB_TOKEN = "ghp_R3alLookingTok3nForTests0123456789wxyz";

    @Test
    void adminsWriteViewersReadAnonymousGet401() {
        String admin = bootstrapAdmin();
        createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        String viewer = accessToken("viewer@yourcompany.com", "ViewerPassword123!");

        ApiClient.Response created = api.post("/v1/customers",
                Map.of("name", "Acme", "description", "First customer", "github_org", "acme-corp"), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.get("id");
        assertThat(created.get("name")).isEqualTo("Acme");
        assertThat(created.get("github_org")).isEqualTo("acme-corp");
        assertThat(created.json().path("github_token").path("set").asBoolean()).isFalse();

        assertThat(api.get("/v1/customers", viewer).json().get(0).get("name").asText()).isEqualTo("Acme");
        assertThat(api.get("/v1/customers/" + id, viewer).get("description")).isEqualTo("First customer");

        ApiClient.Response renamed = api.patch("/v1/customers/" + id, Map.of("name", "Acme Inc", "github_org", ""), admin);
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.get("name")).isEqualTo("Acme Inc");
        assertThat(renamed.json().has("github_org")).isFalse();
        assertThat(renamed.get("description")).isEqualTo("First customer");

        assertDetail(api.post("/v1/customers", Map.of("name", "Other"), viewer), 403, "admin role");
        assertDetail(api.patch("/v1/customers/" + id, Map.of("name", "X"), viewer), 403, "admin role");
        assertDetail(api.delete("/v1/customers/" + id, viewer), 403, "admin role");
        assertDetail(api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", GITHUB_TOKEN), viewer),
                403, "admin role");
        assertDetail(api.delete("/v1/customers/" + id + "/github-token", viewer), 403, "admin role");
        assertDetail(api.get("/v1/customers", null), 401, "Authentication required");
        assertDetail(api.get("/v1/customers/" + id + "/github-token", null), 401, "Authentication required");

        assertThat(api.delete("/v1/customers/" + id, admin).status()).isEqualTo(204);
        assertDetail(api.get("/v1/customers/" + id, viewer), 404, "Customer not found");
        assertThat(api.get("/v1/customers", viewer).json()).isEmpty();
    }

    @Test
    void namesAreUniqueAndInputIsValidated() {
        String admin = bootstrapAdmin();
        String acme = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
        String globex = api.post("/v1/customers", Map.of("name", "Globex"), admin).get("id");

        assertDetail(api.post("/v1/customers", Map.of("name", "ACME"), admin), 409, "already exists");
        assertDetail(api.patch("/v1/customers/" + globex, Map.of("name", "acme"), admin), 409, "already exists");
        assertDetail(api.post("/v1/customers", Map.of("description", "no name"), admin), 400, "name is required");
        assertDetail(api.post("/v1/customers", Map.of("name", "X", "github_org", "not an org!"), admin), 400,
                "github_org");
        assertDetail(api.post("/v1/customers", Map.of("name", "X", "owner", "me"), admin), 400, "Unknown field 'owner'");
        assertDetail(api.get("/v1/customers/not-a-uuid", admin), 404, "Not found");
        assertDetail(api.send("PUT", "/v1/customers/" + acme + "/github-token", Map.of("token", "short"), admin),
                400, "token is required");
        // nothing changed
        assertThat(api.get("/v1/customers/" + globex, admin).get("name")).isEqualTo("Globex");
        assertThat(api.get("/v1/customers", admin).json()).hasSize(2);
    }

    @Test
    void githubTokenIsStoredEncryptedAndNeverReturned() throws Exception {
        String admin = bootstrapAdmin();
        createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        String viewer = accessToken("viewer@yourcompany.com", "ViewerPassword123!");
        String id = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");

        ApiClient.Response set = api.send("PUT", "/v1/customers/" + id + "/github-token",
                Map.of("token", GITHUB_TOKEN), admin);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("set").asBoolean()).isTrue();
        assertThat(set.get("last4")).isEqualTo("wxyz");
        assertThat(set.get("set_at")).isNotBlank();

        for (ApiClient.Response r : new ApiClient.Response[]{set, api.get("/v1/customers/" + id, viewer),
                api.get("/v1/customers", viewer), api.get("/v1/customers/" + id + "/github-token", viewer),
                api.get("/v1/audit", admin)}) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(GITHUB_TOKEN).doesNotContain(GITHUB_TOKEN.substring(0, 20));
        }
        // admins see the last characters; viewers only whether and since when
        assertThat(api.get("/v1/customers/" + id, admin).json().path("github_token").path("last4").asText())
                .isEqualTo("wxyz");
        assertThat(api.get("/v1/customers/" + id + "/github-token", admin).get("last4")).isEqualTo("wxyz");
        for (String path : new String[]{"/v1/customers/" + id, "/v1/customers/" + id + "/github-token", "/v1/customers"}) {
            ApiClient.Response r = api.get(path, viewer);
            assertThat(r.body()).as(path).doesNotContain("wxyz").doesNotContain("last4").contains("set_at");
        }

        // nowhere in the database: not in any table, not in the heap files or the write-ahead log
        assertThat(StoredData.tablesContaining(server.dataSource(), GITHUB_TOKEN)).isEmpty();
        StoredData.checkpoint(server.dataSource());
        assertThat(StoredData.filesContaining(dataDir.resolve("postgres"), GITHUB_TOKEN)).isEmpty();
        // the scan does find what is stored in clear text, so an empty result means something
        assertThat(StoredData.tablesContaining(server.dataSource(), "viewer@yourcompany.com")).contains("users");
        assertThat(StoredData.filesContaining(dataDir.resolve("postgres"), "viewer@yourcompany.com")).isNotEmpty();

        // each encryption uses a fresh nonce
        byte[] firstNonce = column(id, "nonce");
        api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", GITHUB_TOKEN), admin);
        assertThat(column(id, "nonce")).hasSize(12).isNotEqualTo(firstNonce);

        assertThat(api.delete("/v1/customers/" + id + "/github-token", admin).status()).isEqualTo(204);
        assertThat(api.get("/v1/customers/" + id + "/github-token", viewer).json().get("set").asBoolean()).isFalse();
        assertDetail(api.delete("/v1/customers/" + id + "/github-token", admin), 404, "has no GitHub token");

        // deleting a customer deletes its token
        api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", GITHUB_TOKEN), admin);
        assertThat(api.delete("/v1/customers/" + id, admin).status()).isEqualTo(204);
        assertThat(secretCount()).isZero();
    }

    @Test
    void tamperedOrSwappedCiphertextFailsCleanlyNamingTheCustomer() throws Exception {
        String admin = bootstrapAdmin();
        String acme = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
        String globex = api.post("/v1/customers", Map.of("name", "Globex"), admin).get("id");
        setToken(admin, acme, GITHUB_TOKEN);
        setToken(admin, globex, "ghp_GlobexTokenValue0123456789abcdefghij");

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger vaultLog = (Logger) LoggerFactory.getLogger(SecretVault.class);
        vaultLog.addAppender(logs);
        try {
            String ciphertextHex = HexFormat.of().formatHex(column(acme, "ciphertext"));
            String[] tamperings = {
                "nonce = set_byte(nonce, 0, get_byte(nonce, 0) # 1)",                                    // nonce
                "ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1)",                     // ciphertext
                "ciphertext = set_byte(ciphertext, length(ciphertext) - 1, "                             // tag
                        + "get_byte(ciphertext, length(ciphertext) - 1) # 1)"};
            for (String tampering : tamperings) {
                execute("UPDATE secrets SET " + tampering + " WHERE binding = 'customer/" + acme + "/github-token'");
                assertUnreadable(admin, acme, "Acme");
                setToken(admin, acme, GITHUB_TOKEN);
            }

            // Globex's ciphertext copied into Acme's row: bound to Globex's id, so it does not open as Acme's
            execute("UPDATE secrets a SET key_id = g.key_id, nonce = g.nonce, ciphertext = g.ciphertext FROM secrets g "
                    + "WHERE a.binding = 'customer/" + acme + "/github-token' AND g.binding = 'customer/" + globex
                    + "/github-token'");
            assertUnreadable(admin, acme, "Acme");
            assertThat(api.get("/v1/customers/" + globex + "/github-token", admin).get("last4")).isEqualTo("ghij");

            assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("customer/" + acme)
                    .doesNotContain(ciphertextHex.substring(0, 16))
                    .doesNotContain(GITHUB_TOKEN));
        } finally {
            vaultLog.detachAppender(logs);
        }
    }

    private static void assertUnreadable(String admin, String id, String name) {
        ApiClient.Response r = api.get("/v1/customers/" + id + "/github-token", admin);
        assertDetail(r, 500, "GitHub token of customer '" + name + "'");
        assertThat(r.get("detail")).contains("cannot be decrypted").doesNotContain(GITHUB_TOKEN);
        assertDetail(api.get("/v1/customers/" + id, admin), 500, "cannot be decrypted");
    }

    private static void setToken(String admin, String id, String token) {
        ApiClient.Response r = api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", token), admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static byte[] column(String customerId, String column) throws SQLException {
        try (Connection c = server.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM secrets WHERE binding = ?")) {
            ps.setString(1, "customer/" + customerId + "/github-token");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private static long secretCount() throws SQLException {
        try (Connection c = server.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM secrets")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = server.dataSource().getConnection()) {
            assertThat(c.createStatement().executeUpdate(sql)).isEqualTo(1);
        }
    }
}
