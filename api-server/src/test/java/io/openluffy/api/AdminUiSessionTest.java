package io.openluffy.api;

import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions in the browser: the refresh token only in an HttpOnly cookie, the access token only in memory. */
class AdminUiSessionTest extends BrowserTestBase {
    private static final String JWT = "eyJ";

    @Test
    void theSessionSurvivesAReloadAndSignOutEndsItOnTheServer() {
        bootstrapAdmin();
        String accessToken = signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);

        page.reload();
        assertThat(page.getByText("Signed in as " + ADMIN_EMAIL)).isVisible();

        button(page, "Sign out").click();
        assertThat(button(page, "Sign in")).isVisible();
        assertThat(api.get("/v1/auth/me", accessToken).status()).isEqualTo(401);
        assertThat(context.cookies()).isEmpty();
        page.reload();
        assertThat(button(page, "Sign in")).isVisible();
    }

    @Test
    void anExpiredAccessTokenIsRenewedThroughTheCookieWithoutTheUserNoticing() {
        bootstrapAdmin();
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        String cookieBefore = context.cookies().get(0).value;
        AtomicBoolean expired = new AtomicBoolean();
        page.route("**/v1/auth/tokens", route -> {
            if (expired.compareAndSet(false, true)) {
                route.fulfill(new Route.FulfillOptions().setStatus(401).setContentType("application/json")
                        .setBody("{\"detail\": \"Invalid or expired token.\"}"));
            } else {
                route.resume();
            }
        });

        page.waitForResponse("**/v1/auth/session/refresh", () -> open(page, "API tokens"));

        assertThat(page.getByText("No API tokens yet.")).isVisible();
        assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
        assertThat(context.cookies().get(0).value).as("the refresh rotated the cookie").isNotEqualTo(cookieBefore);
    }

    @Test
    void noTokenIsInStorageOrReadableByScripts() {
        bootstrapAdmin();
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        open(page, "API tokens");
        page.reload();
        assertThat(page.getByText("Signed in as " + ADMIN_EMAIL)).isVisible();

        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) page.evaluate("() => ({"
                + "local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,"
                + "everything: JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage}) + document.cookie"
                + " + document.documentElement.outerHTML})");
        assertThat(seen.get("local")).isEqualTo(0);
        assertThat(seen.get("session")).isEqualTo(0);
        assertThat(seen.get("cookie")).isEqualTo("");
        assertThat((String) seen.get("everything")).doesNotContain(JWT);

        List<Cookie> cookies = context.cookies();
        assertThat(cookies).hasSize(1);
        Cookie refresh = cookies.get(0);
        assertThat(refresh.name).isEqualTo("openluffy_refresh");
        assertThat(refresh.value).startsWith(JWT);
        assertThat(refresh.httpOnly).as("HttpOnly").isTrue();
        assertThat(refresh.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(refresh.path).isEqualTo("/v1/auth/session");
    }

    @Test
    void aCrossSitePageCannotUseTheCookieSession() throws IOException {
        bootstrapAdmin();
        signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
        String before = context.cookies().get(0).value;
        String refreshUrl = server.baseUrl() + "/v1/auth/session/refresh";

        // another site (127.0.0.1 is not localhost) whose page has none of the UI's policies
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = "<!doctype html><title>elsewhere</title>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try {
            page.navigate("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            Object withHeader = page.evaluate("url => fetch(url, {method: 'POST', credentials: 'include',"
                    + " headers: {'X-OpenLuffy-UI': '1'}}).then(r => 'answered ' + r.status, e => 'blocked')", refreshUrl);
            Object simple = page.evaluate("url => fetch(url, {method: 'POST', credentials: 'include', mode: 'no-cors'})"
                    + ".then(r => 'sent', e => 'blocked')", refreshUrl);

            assertThat(withHeader).as("the header needs a CORS preflight, which the server never grants").isEqualTo("blocked");
            assertThat(simple).isEqualTo("sent");
        } finally {
            attacker.stop(0);
        }
        // neither request used up the session's refresh token
        assertThat(context.cookies().get(0).value).isEqualTo(before);
        page.navigate("/");
        assertThat(page.getByText("Signed in as " + ADMIN_EMAIL)).isVisible();
    }
}
