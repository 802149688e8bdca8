package io.openluffy.api;

import org.junit.jupiter.api.Test;

import java.net.HttpCookie;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser UI's cookie session over plain HTTP: cookie attributes, rotation, sign-out and the CSRF header. */
class CookieSessionApiTest extends ApiServerTestBase {
    private static final Map<String, String> UI = Map.of("X-OpenLuffy-UI", "1");
    /** How Jetty writes a cookie removal: empty value, expired long ago. */
    private static final String CLEARED = "openluffy_refresh=; Path=/v1/auth/session; Expires=Thu, 01 Jan 1970";

    private static ApiClient.Response uiLogin() {
        return api.sendWithHeaders("POST", "/v1/auth/session/login", ApiClient.credentials(ADMIN_EMAIL, ADMIN_PASSWORD), UI);
    }

    private static String setCookie(ApiClient.Response r) {
        List<String> cookies = r.raw().headers().allValues("Set-Cookie");
        assertThat(cookies).as("Set-Cookie of " + r.body()).hasSize(1);
        return cookies.get(0);
    }

    private static String cookieValue(ApiClient.Response r) {
        return HttpCookie.parse(setCookie(r)).get(0).getValue();
    }

    private static ApiClient.Response withCookie(String route, String refreshToken, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Cookie", "openluffy_refresh=" + refreshToken);
        return api.sendWithHeaders("POST", "/v1/auth/session/" + route, null, all);
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieScopedToTheSessionRoutesAndNoRefreshTokenInTheBody() {
        bootstrapAdmin();
        ApiClient.Response login = uiLogin();

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.get("access_token")).isNotBlank();
        assertThat(login.json().has("refresh_token")).isFalse();
        String cookie = setCookie(login);
        assertThat(cookie).startsWith("openluffy_refresh=ey").contains("; HttpOnly").contains("SameSite=Strict")
                .contains("Path=/v1/auth/session").contains("Max-Age=604800").doesNotContain("Secure");
        assertThat(api.get("/v1/auth/me", login.get("access_token")).status()).isEqualTo(200);
    }

    @Test
    void theCookieIsSecureBehindAnHttpsIngress() {
        bootstrapAdmin();
        Map<String, String> headers = Map.of("X-OpenLuffy-UI", "1", "X-Forwarded-Proto", "https");
        ApiClient.Response login = api.sendWithHeaders("POST", "/v1/auth/session/login",
                ApiClient.credentials(ADMIN_EMAIL, ADMIN_PASSWORD), headers);

        assertThat(setCookie(login)).contains("; Secure");
    }

    @Test
    void everyCookieRouteRefusesARequestWithoutTheUiHeader() {
        bootstrapAdmin();
        String refreshToken = cookieValue(uiLogin());

        ApiClient.Response login = api.post("/v1/auth/session/login", ApiClient.credentials(ADMIN_EMAIL, ADMIN_PASSWORD));
        ApiClient.Response refresh = withCookie("refresh", refreshToken, Map.of());
        ApiClient.Response logout = withCookie("logout", refreshToken, Map.of());

        for (ApiClient.Response r : List.of(login, refresh, logout)) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.get("detail")).contains("X-OpenLuffy-UI");
            assertThat(r.raw().headers().allValues("Set-Cookie")).isEmpty();
        }
        // the session is untouched: the cookie still refreshes with the header
        assertThat(withCookie("refresh", refreshToken, UI).status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheCookieAndRefusesTheOldOneAfterwards() {
        bootstrapAdmin();
        String first = cookieValue(uiLogin());

        ApiClient.Response refreshed = withCookie("refresh", first, UI);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String second = cookieValue(refreshed);
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshed.json().has("refresh_token")).isFalse();

        ApiClient.Response reused = withCookie("refresh", first, UI);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(setCookie(reused)).startsWith(CLEARED);
        // reuse revoked the whole session, including the rotated cookie
        assertThat(withCookie("refresh", second, UI).status()).isEqualTo(401);
    }

    @Test
    void refreshWithoutACookieIsNoSessionRatherThanAnError() {
        ApiClient.Response r = api.sendWithHeaders("POST", "/v1/auth/session/refresh", null, UI);

        assertThat(r.status()).isEqualTo(204);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        bootstrapAdmin();
        ApiClient.Response login = uiLogin();
        String access = login.get("access_token");
        String refreshToken = cookieValue(login);

        ApiClient.Response logout = withCookie("logout", refreshToken, UI);

        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        assertThat(setCookie(logout)).startsWith(CLEARED).contains("Path=/v1/auth/session");
        assertThat(api.get("/v1/auth/me", access).status()).isEqualTo(401);
        assertThat(withCookie("refresh", refreshToken, UI).status()).isEqualTo(401);
    }

    @Test
    void bootstrapThroughTheUiSignsTheFirstAdminInOnlyOnce() {
        assertThat(api.get("/v1/auth/bootstrap", (String) null).json().get("available").asBoolean()).isTrue();
        Map<String, Object> admin = Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD);

        ApiClient.Response created = api.sendWithHeaders("POST", "/v1/auth/session/bootstrap", admin, UI);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(setCookie(created)).contains("HttpOnly");
        assertThat(api.get("/v1/auth/me", created.get("access_token")).get("role")).isEqualTo("admin");
        assertThat(api.get("/v1/auth/bootstrap", (String) null).json().get("available").asBoolean()).isFalse();
        ApiClient.Response again = api.sendWithHeaders("POST", "/v1/auth/session/bootstrap", admin, UI);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.get("detail")).isEqualTo("Bootstrap already complete. This instance has been initialized.");
    }

    @Test
    void uiFilesCarryTheSecurityHeaders() {
        for (String path : List.of("/", "/js/main.js", "/app.css", "/webjars/lit-html/3.3.1/lit-html.js")) {
            ApiClient.Response r = api.get(path, (String) null);
            assertThat(r.status()).as(path).isEqualTo(200);
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
        assertThat(api.get("/", (String) null).body()).contains("<title>OpenLuffy</title>");
    }
}
