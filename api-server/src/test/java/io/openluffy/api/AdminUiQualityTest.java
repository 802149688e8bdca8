package io.openluffy.api;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page at desktop width and at 360 px: axe-core WCAG 2 A and AA, no console errors, no sideways scrolling,
 * a screenshot in target/ui-screenshots; and the UI driven by keyboard alone.
 */
class AdminUiQualityTest extends BrowserTestBase {
    private static final List<String> ADMIN_PAGES = List.of("Customers", "Users", "Argo CD", "Audit log", "API tokens",
            "My account");

    /** Checks the page as it is now and saves its screenshot as {@code name-width.png}. */
    private void check(Page p, String name, int width) {
        List<String> violations = new ArrayList<>();
        for (Rule rule : new AxeBuilder(p).withTags(List.of("wcag2a", "wcag2aa")).analyze().getViolations()) {
            violations.add(rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream()
                    .map(n -> n.getTarget().toString()).toList());
        }
        assertThat(violations).as("axe on " + name + " at " + width + " px").isEmpty();
        Object overflow = p.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("sideways scrolling on " + name + " at " + width + " px").isLessThanOrEqualTo(0);
        screenshot(p, name.toLowerCase().replace(' ', '-') + "-" + width);
    }

    private void seedData(String adminToken) {
        createUser(adminToken, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        api.post("/v1/customers", Map.of("name", "Acme", "description", "Our first customer", "github_org", "acme-corp"),
                adminToken);
        api.post("/v1/auth/tokens", Map.of("name", "ci-pipeline"), adminToken);
    }

    @Test
    void everyPagePassesAxeWithoutConsoleErrorsAtDesktopAndPhoneWidth() {
        for (int width : List.of(DESKTOP_WIDTH, PHONE_WIDTH)) {
            emptyTables();
            BrowserContext sized = newContext(width);
            try {
                Page p = newPage(sized);
                p.navigate("/");
                assertThat(button(p, "Create admin")).isVisible();
                check(p, "first-run", width);

                seedData(bootstrapAdmin());
                p.reload();
                assertThat(button(p, "Sign in")).isVisible();
                check(p, "sign-in", width);

                signIn(p, ADMIN_EMAIL, ADMIN_PASSWORD);
                for (String title : ADMIN_PAGES) {
                    open(p, title);
                    p.waitForLoadState();
                    assertThat(p.locator("[aria-busy=true]")).hasCount(0);
                    check(p, title, width);
                }
            } finally {
                sized.close();
            }
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theUiWorksByKeyboardAlone() {
        bootstrapAdmin();
        page.navigate("/");
        assertThat(button(page, "Sign in")).isVisible();
        page.keyboard().press("Tab");
        page.keyboard().type(ADMIN_EMAIL);
        page.keyboard().press("Tab");
        page.keyboard().type(ADMIN_PASSWORD);
        page.keyboard().press("Enter");
        assertThat(page.getByText("Signed in as " + ADMIN_EMAIL)).isVisible();

        // after each navigation the page's heading has the focus, so a screen reader announces where it is
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Customers"))).isFocused();
        for (int i = 0; i < 10 && !"Users".equals(page.evaluate("() => document.activeElement.textContent")); i++) {
            page.keyboard().press("Shift+Tab");
        }
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Users").setLevel(1))).isFocused();

        for (int i = 0; i < 12 && !"Skip to content".equals(page.evaluate("() => document.activeElement.textContent")); i++) {
            page.keyboard().press("Shift+Tab");
        }
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to content"))).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Users").setLevel(1))).isFocused();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aSlowActionShowsABusyStateAndAnAnswerThatIsNotJsonIsStillShownInWords() {
        bootstrapAdmin();
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "API tokens");
        List<Route> held = new ArrayList<>();
        page.route("**/v1/auth/tokens", route -> {
            if ("POST".equals(route.request().method())) {
                held.add(route);
            } else {
                route.resume();
            }
        });

        page.getByLabel("Token name").fill("slow");
        button(page, "Create token").click();
        assertThat(button(page, "Create token")).hasAttribute("aria-busy", "true");
        assertThat(button(page, "Create token")).isDisabled();
        held.get(0).resume();
        assertThat(page.getByText("it will not be shown again")).isVisible();
        assertThat(button(page, "Create token")).not().hasAttribute("aria-busy", "true");
        assertThat(button(page, "Create token")).isEnabled();

        // a proxy in front of the server answering with its own HTML error page
        page.unrouteAll();
        page.route("**/v1/auth/tokens", route -> route.fulfill(new Route.FulfillOptions().setStatus(502)
                .setContentType("text/html").setBody("<html><body>Bad Gateway</body></html>")));
        page.getByLabel("Token name").fill("behind a broken proxy");
        button(page, "Create token").click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("The server answered 502 Bad Gateway.");
    }
}
