package io.openluffy.api;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Managing users, one's own password and reading the audit log, in the browser. */
class AdminUiUsersTest extends BrowserTestBase {
    private static final String USER = "john@yourcompany.com";
    private static final String USER_PASSWORD = "JohnPassword123!";

    private Locator row(String text) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
    }

    private Locator status() {
        return page.getByRole(AriaRole.STATUS);
    }

    @Test
    void anAdminChangesTheRoleDisablesEnablesResetsAndDeletesAUser() {
        createUser(bootstrapAdmin(), USER, USER_PASSWORD, "viewer");
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "Users");

        page.getByLabel("Role of " + USER).selectOption("admin");
        assertThat(status()).hasText(USER + " is now admin.");
        assertThat(api.get("/v1/auth/me", accessToken(USER, USER_PASSWORD)).get("role")).isEqualTo("admin");

        row(USER).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
        assertThat(status()).hasText(USER + " is disabled.");
        assertThat(row(USER)).containsText("Disabled");
        assertThat(login(USER, USER_PASSWORD).status()).isEqualTo(401);
        row(USER).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable")).click();
        assertThat(status()).hasText(USER + " is enabled.");
        assertThat(row(USER)).containsText("Active");

        row(USER).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset password")).click();
        page.getByLabel("New password").fill("short");
        page.getByLabel("New password").evaluate("input => input.removeAttribute('minlength')");
        button(page, "Set password").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("password");
        row(USER).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset password")).click();
        page.getByLabel("New password").fill("A-brand-new-password-1");
        button(page, "Set password").click();
        assertThat(status()).hasText("The password of " + USER + " was reset.");
        assertThat(login(USER, "A-brand-new-password-1").status()).isEqualTo(200);

        row(USER).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        button(page, "Cancel").click();
        assertThat(row(USER)).isVisible();
        row(USER).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        button(page, "Delete " + USER).click();
        assertThat(status()).hasText(USER + " was deleted.");
        assertThat(row(USER)).hasCount(0);

        page.getByLabel("Email").fill(ADMIN_EMAIL);
        page.getByLabel("Password").fill("AnotherPassword123!");
        button(page, "Add user").click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("A user with this email already exists.");
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        createUser(bootstrapAdmin(), USER, USER_PASSWORD, "viewer");
        signIn(page, USER, USER_PASSWORD);
        open(page, "My account");

        page.getByLabel("Current password").fill("not my password");
        page.getByLabel("New password").fill("Johns-new-password-1");
        button(page, "Change password").click();
        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        assertThat(page.getByRole(AriaRole.ALERT)).not().isEmpty();

        page.getByLabel("Current password").fill(USER_PASSWORD);
        page.getByLabel("New password").fill("Johns-new-password-1");
        button(page, "Change password").click();
        assertThat(status()).hasText("Password changed.");
        assertThat(login(USER, "Johns-new-password-1").status()).isEqualTo(200);
        // this session goes on
        page.reload();
        assertThat(page.getByText("Signed in as " + USER)).isVisible();
    }

    @Test
    void theAuditLogIsPagedNewestFirstAndFilteredByAction() {
        String admin = bootstrapAdmin();
        for (int i = 1; i <= 25; i++) {
            api.post("/v1/customers", Map.of("name", "Customer " + i), admin);
        }
        createUser(admin, USER, USER_PASSWORD, "viewer");
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "Audit log");

        assertThat(page.getByText("Entries 1 to 20 of 26, newest first.")).isVisible();
        assertThat(page.getByRole(AriaRole.ROW).nth(1)).containsText("user.created");
        button(page, "Older").click();
        assertThat(page.getByText("Entries 21 to 26 of 26, newest first.")).isVisible();
        assertThat(page.getByRole(AriaRole.ROW).last()).containsText("Customer 1)");
        assertThat(button(page, "Older")).isDisabled();

        page.getByLabel("Action").selectOption("user.created");
        assertThat(page.getByText("Entries 1 to 1 of 1, newest first.")).isVisible();
        assertThat(page.getByRole(AriaRole.ROW).nth(1)).containsText(USER);
    }

    @Test
    void aThrottledAccountSeesWhenToTryAgain() {
        bootstrapAdmin();
        ApiClient.Response r;
        do {
            r = login(ADMIN_EMAIL, "a wrong password");
        } while (r.status() == 401);
        assertThat(r.status()).isEqualTo(429);

        page.navigate("/");
        page.getByLabel("Email").fill(ADMIN_EMAIL);
        page.getByLabel("Password").fill(ADMIN_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Too many failed login attempts");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("You can try again at ");
    }
}
