package io.openluffy.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GitHub and Argo CD tokens, their ciphertexts and changed passwords never reach the logs, even on failures. */
class StoredSecretLoggingTest extends ApiServerTestBase {
    static final String GITHUB_TOKEN = "ghp_LoggingTestTokenValue0123456789abcd";
    static final String ARGO_TOKEN = "argocd-logging-test-token-value";

    @Test
    void noStoredSecretOrItsCiphertextIsLogged() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        String ciphertext;
        try (FakeArgoCd argo = new FakeArgoCd(ARGO_TOKEN)) {
            String admin = bootstrapAdmin();
            String id = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");
            api.send("PUT", "/v1/customers/" + id + "/github-token", Map.of("token", GITHUB_TOKEN), admin);
            api.send("PUT", "/v1/customers/" + id + "/github-token", "{\"token\": \"" + GITHUB_TOKEN + "\", \"x\": 1}",
                    admin);
            api.send("PUT", "/v1/integrations/argocd", Map.of("url", argo.url(), "token", ARGO_TOKEN), admin);
            api.post("/v1/integrations/argocd/test", null, admin);
            api.send("PUT", "/v1/integrations/argocd", Map.of("url", "ftp://x", "token", ARGO_TOKEN), admin);
            api.post("/v1/auth/me/password", Map.of("current_password", "WrongPassword1!", "new_password",
                    "ChangedPassword123!"), admin);
            api.post("/v1/auth/me/password", Map.of("current_password", ADMIN_PASSWORD, "new_password",
                    "ChangedPassword123!"), admin);
            try (Connection c = server.dataSource().getConnection()) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT ciphertext FROM secrets "
                        + "WHERE binding LIKE 'customer/%'")) {
                    rs.next();
                    ciphertext = HexFormat.of().formatHex(rs.getBytes(1));
                }
                c.createStatement().executeUpdate("UPDATE secrets SET ciphertext = set_byte(ciphertext, 0, "
                        + "get_byte(ciphertext, 0) # 1) WHERE binding LIKE 'customer/%'");
            }
            assertThat(api.get("/v1/customers/" + id + "/github-token", admin).status()).isEqualTo(500);
        } finally {
            root.detachAppender(logs);
        }

        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : " " + event.getThrowableProxy().getMessage());
            for (String secret : List.of(GITHUB_TOKEN, ARGO_TOKEN, "ChangedPassword123!", ADMIN_PASSWORD,
                    ciphertext.substring(0, 16))) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
