package io.openluffy.api;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Browser tests: the admin UI in a real Chromium against the real API server of {@link ApiServerTestBase}. Each test
 * gets a fresh browser context (no cookies) and its page's console errors and uncaught exceptions in
 * {@link #consoleErrors}.
 */
abstract class BrowserTestBase extends ApiServerTestBase {
    static final int DESKTOP_WIDTH = 1280;
    static final int PHONE_WIDTH = 360;
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        context = newContext(DESKTOP_WIDTH);
        page = newPage(context);
    }

    /** The last state of every test's page, for review and for understanding failures. */
    @AfterEach
    void closeBrowser(TestInfo test) {
        screenshot(page, test.getTestClass().orElseThrow().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        context.close();
    }

    static void screenshot(Page p, String name) {
        p.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    BrowserContext newContext(int width) {
        return Chromium.browser().newContext(new Browser.NewContextOptions()
                .setBaseURL(server.baseUrl()).setViewportSize(width, 900));
    }

    Page newPage(BrowserContext browserContext) {
        Page p = browserContext.newPage();
        p.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
        p.onPageError(consoleErrors::add);
        return p;
    }

    /** Signs in through the form and returns the access token the browser received (to call the API as the user). */
    static String signIn(Page p, String email, String password) {
        p.navigate("/");
        p.getByLabel("Email").fill(email);
        p.getByLabel("Password").fill(password);
        Response login = p.waitForResponse("**/v1/auth/session/login",
                () -> button(p, "Sign in").click());
        assertThat(p.getByText("Signed in as " + email)).isVisible();
        return accessToken(login);
    }

    static String accessToken(Response response) {
        try {
            return ApiClient.JSON.readTree(response.text()).get("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void open(Page p, String pageTitle) {
        p.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(pageTitle).setExact(true)).click();
        assertThat(p.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(pageTitle).setLevel(1)))
                .isVisible();
    }

    static Locator button(Page p, String name) {
        return p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
