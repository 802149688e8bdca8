package io.openluffy.api;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The deployment guide's "First-Time Setup" and "Create Additional Users", in the browser alone. */
class AdminUiWalkthroughTest extends BrowserTestBase {
    private static final String VIEWER_EMAIL = "user@yourcompany.com";
    private static final String VIEWER_PASSWORD = "SecurePassword123!";

    @Test
    void firstAdminThenAViewerWhoSeesNoAdminControlsAndIsRefusedByTheApi() {
        page.navigate("/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create the first admin")))
                .isVisible();
        page.getByLabel("Email").fill(ADMIN_EMAIL);
        page.getByLabel("Password").fill(ADMIN_PASSWORD);
        page.getByLabel("First name").fill("Admin");
        page.getByLabel("Last name").fill("User");
        button(page, "Create admin").click();
        assertThat(page.getByText("Signed in as " + ADMIN_EMAIL + " (admin)")).isVisible();

        open(page, "Users");
        page.getByLabel("Email").fill(VIEWER_EMAIL);
        page.getByLabel("Password").fill(VIEWER_PASSWORD);
        page.getByLabel("First name").fill("John");
        page.getByLabel("Last name").fill("Doe");
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("viewer");
        button(page, "Add user").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("User added.");
        assertThat(page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(VIEWER_EMAIL))).containsText("John Doe");
        assertThat(page.getByLabel("Role of " + VIEWER_EMAIL)).hasValue("viewer");

        button(page, "Sign out").click();
        // an admin exists now: the first-run page is gone for good, also after a reload
        assertThat(button(page, "Sign in")).isVisible();
        page.reload();
        assertThat(button(page, "Sign in")).isVisible();
        assertThat(page.getByText("Create the first admin")).hasCount(0);

        String viewerToken = signIn(page, VIEWER_EMAIL, VIEWER_PASSWORD);
        assertThat(page.getByText("Signed in as " + VIEWER_EMAIL + " (viewer)")).isVisible();
        for (String adminPage : new String[] {"Users", "Argo CD", "Audit log"}) {
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(adminPage))).hasCount(0);
        }
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Customers"))).isVisible();
        assertThat(page.getByText("Add a customer")).hasCount(0);

        // the server still enforces the rule when the viewer calls an admin route directly from the page
        Object status = page.evaluate("token => fetch('/v1/auth/users', {headers: {Authorization: 'Bearer ' + token}})"
                + ".then(r => r.status)", viewerToken);
        assertThat(status).isEqualTo(403);
        // and a hidden page typed into the address bar falls back to one the viewer may see
        page.navigate("/#/users");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Customers"))).isVisible();
    }

    @Test
    void wrongCredentialsShowTheServersMessage() {
        bootstrapAdmin();
        page.navigate("/");
        page.getByLabel("Email").fill(ADMIN_EMAIL);
        page.getByLabel("Password").fill("not the password");
        Response answer = page.waitForResponse("**/v1/auth/session/login", () -> button(page, "Sign in").click());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Invalid email or password.");
    }
}
