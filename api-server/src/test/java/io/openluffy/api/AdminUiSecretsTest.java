package io.openluffy.api;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What the UI shows of secrets (once, or never) and of the server's refusals. */
class AdminUiSecretsTest extends BrowserTestBase {

    private Locator row(String text) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
    }

    @Test
    void anApiTokenIsShownOnceWithACopyButtonAndIsGoneAfterAReload() {
        bootstrapAdmin();
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "API tokens");

        page.getByLabel("Token name").fill("ci-pipeline");
        button(page, "Create token").click();
        assertThat(page.getByText("it will not be shown again")).isVisible();
        String token = page.getByLabel("New API token").textContent().trim();
        assertThat(token).startsWith("olt_");
        button(page, "Copy token").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Token copied to the clipboard.");
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(token);
        assertThat(api.get("/v1/auth/me", token).status()).isEqualTo(200);

        page.reload();
        assertThat(row("ci-pipeline")).isVisible();
        assertThat(page.content()).doesNotContain(token);

        button(page, "Revoke ci-pipeline").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Token “ci-pipeline” revoked.");
        assertThat(page.getByText("No API tokens yet.")).isVisible();
        assertThat(api.get("/v1/auth/me", token).status()).isEqualTo(401);
    }

    @Test
    void aGithubTokenIsNeverDisplayedAfterItIsSaved() {
        bootstrapAdmin();
        String githubToken = "ghp_" + "x7Kq2".repeat(8);
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "Customers");
        page.getByLabel("Name").fill("Acme");
        page.getByLabel("GitHub organization").fill("acme-corp");
        button(page, "Add customer").click();
        assertThat(row("acme-corp")).containsText("Not set");

        button(page, "Edit Acme").click();
        page.getByLabel("New GitHub token").fill(githubToken);
        button(page, "Save token").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("GitHub token saved.");
        assertThat(row("acme-corp")).containsText("Set on");
        assertThat(page.content()).doesNotContain(githubToken).doesNotContain(githubToken.substring(githubToken.length() - 4));

        page.reload();
        button(page, "Edit Acme").click();
        assertThat(page.getByText("The token is stored encrypted")).isVisible();
        assertThat(page.getByLabel("New GitHub token")).hasValue("");
        assertThat(page.content()).doesNotContain(githubToken);

        button(page, "Clear token").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("GitHub token cleared.");
        assertThat(row("acme-corp")).containsText("Not set");
    }

    @Test
    void theLastAdminRefusalIsShownAndTheRoleStaysAdmin() {
        bootstrapAdmin();
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "Users");

        page.getByLabel("Role of " + ADMIN_EMAIL).selectOption("viewer");
        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText("This is the last admin: promote another user to admin before demoting this one.");
        assertThat(page.getByLabel("Role of " + ADMIN_EMAIL)).hasValue("admin");

        button(page, "Delete").click();
        button(page, "Delete " + ADMIN_EMAIL).click();
        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText("This is the last admin: promote another user to admin before deleting this one.");
        assertThat(row(ADMIN_EMAIL)).containsText("Active");
    }

    @Test
    void argoCdSettingsAreSavedAndTheConnectionTestIsReportedInWords() {
        bootstrapAdmin();
        try (FakeArgoCd argo = new FakeArgoCd("argo-secret-token")) {
            signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
            open(page, "Argo CD");
            assertThat(page.getByText("Not configured yet.")).isVisible();

            page.getByLabel("URL").fill(argo.url());
            page.getByLabel("Token").fill("wrong-token");
            button(page, "Save").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Argo CD settings saved.");
            assertThat(page.getByLabel("Token")).hasValue("");
            assertThat(page.getByText("token set.")).isVisible();
            button(page, "Test connection").click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Argo CD answered, but refused the token");

            page.getByLabel("Token").fill("argo-secret-token");
            button(page, "Save").click();
            button(page, "Test connection").click();
            assertThat(page.getByRole(AriaRole.STATUS))
                    .hasText("Argo CD is reachable and accepted the token (version " + FakeArgoCd.VERSION + ").");
            assertThat(page.content()).doesNotContain("argo-secret-token");

            page.getByLabel("URL").fill("ftp://argocd.example.com");
            page.getByLabel("URL").evaluate("input => input.type = 'text'");
            button(page, "Save").click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("url");
        }
    }
}
