package io.openluffy.api.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/** Serves the browser UI (HTML, ES modules, CSS from {@code /public}) and its webjars, same origin as {@code /v1}. */
final class AdminUi {
    /** Scripts and styles only from this origin, never framed, and no page address leaks to other sites. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            // the UI changes with the server version; revalidating keeps it in step
            "Cache-Control", "no-cache");

    private AdminUi() {
    }

    static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
            files.headers = SECURITY_HEADERS;
        });
        config.staticFiles.add(files -> {
            files.hostedPath = "/webjars";
            files.directory = "/META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.headers = SECURITY_HEADERS;
        });
    }
}
