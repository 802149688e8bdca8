package io.openluffy.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.openluffy.api.auth.AuthService;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;

/** Builds the Javalin application: JSON mapping, limits, the access filter, error mapping and every route. */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    /** Larger bodies get 413 before any parsing. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private HttpApp() {
    }

    /** {@code metricsRequireAuth}: {@code /metrics} for admins only, else public like {@code /healthz}. */
    public static Javalin create(Services services, boolean metricsRequireAuth, RouteTable routeTable) {
        ObjectMapper mapper = mapper();
        JsonBody json = new JsonBody(mapper);
        AuthService auth = services.auth();
        AuthHandler authHandler = new AuthHandler(auth, json);
        UserHandler userHandler = new UserHandler(services.users(), json);
        ApiTokenHandler tokenHandler = new ApiTokenHandler(services.apiTokens(), json);
        AccountHandler accountHandler = new AccountHandler(services.accounts(), json);
        HealthHandler health = new HealthHandler(services.databaseReachable());
        CustomerHandler customerHandler = new CustomerHandler(services.customers(), json);
        IntegrationHandler integrationHandler = new IntegrationHandler(services.integrations(), json);
        AuditHandler auditHandler = new AuditHandler(services.audit());
        MetricsHandler metricsHandler = new MetricsHandler(services.metrics());
        CookieSessionHandler cookieSessions = new CookieSessionHandler(auth, json);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            AdminUi.serve(config);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            // Jetty remembers header fields per connection and, by default, matches them ignoring case: a credential
            // differing from an earlier one only in case (on a connection an Ingress shares between clients) came
            // back as the earlier, valid one
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new JsonErrorHandler());
                context.addFilter(new FilterHolder(new IgnoreMethodOverride()), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            config.requestLogger.http((ctx, ms) -> {
                // the path only: query strings and bodies may carry secrets
                LOG.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
                metricsHandler.observe(ctx, ms);
            });
            RoutesConfig routes = config.routes;
            ErrorMapping.register(routes);
            routes.before(SecurityHeaders::addTo);
            routes.beforeMatched(new AccessFilter(auth));
            routes.after(ctx -> {
                if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
                    auth.afterWrite();
                }
            });
            routeTable.bind(routes);
            RouteTable r = routeTable;

            r.get("/healthz", health::health, Access.PUBLIC);
            r.get("/readyz", health::ready, Access.PUBLIC);
            r.get("/metrics", metricsHandler::scrape, metricsRequireAuth ? Access.ADMIN : Access.PUBLIC);

            r.get("/v1/auth/bootstrap", authHandler::bootstrapStatus, Access.PUBLIC);
            r.post("/v1/auth/bootstrap/create-admin", authHandler::bootstrap, Access.BOOTSTRAP);
            r.post("/v1/auth/login", authHandler::login, Access.PUBLIC);
            r.post("/v1/auth/refresh", authHandler::refresh, Access.PUBLIC);
            r.post("/v1/auth/logout", authHandler::logout, Access.PUBLIC);
            r.get("/v1/auth/me", authHandler::me, Access.USER);

            routes.before(CookieSessionHandler.PATH + "/*", cookieSessions::requireUiHeader);
            r.post(CookieSessionHandler.PATH + "/bootstrap", cookieSessions::bootstrap, Access.BOOTSTRAP);
            r.post(CookieSessionHandler.PATH + "/login", cookieSessions::login, Access.PUBLIC);
            r.post(CookieSessionHandler.PATH + "/refresh", cookieSessions::refresh, Access.PUBLIC);
            r.post(CookieSessionHandler.PATH + "/logout", cookieSessions::logout, Access.PUBLIC);
            r.post("/v1/auth/me/password", accountHandler::changeOwnPassword, Access.USER);

            r.post("/v1/auth/users", userHandler::create, Access.ADMIN);
            r.get("/v1/auth/users", userHandler::list, Access.ADMIN);
            r.get("/v1/auth/users/{id}", userHandler::get, Access.ADMIN);
            r.patch("/v1/auth/users/{id}", userHandler::update, Access.ADMIN);
            r.delete("/v1/auth/users/{id}", userHandler::delete, Access.ADMIN);
            r.post("/v1/auth/users/{id}/disable", accountHandler::disable, Access.ADMIN);
            r.post("/v1/auth/users/{id}/enable", accountHandler::enable, Access.ADMIN);

            r.post("/v1/auth/tokens", tokenHandler::create, Access.USER);
            r.get("/v1/auth/tokens", tokenHandler::list, Access.USER);
            r.delete("/v1/auth/tokens/{id}", tokenHandler::revoke, Access.USER);
            r.get("/v1/auth/users/{id}/tokens", tokenHandler::listOfUser, Access.ADMIN);

            r.post("/v1/customers", customerHandler::create, Access.ADMIN);
            r.get("/v1/customers", customerHandler::list, Access.USER);
            r.get("/v1/customers/{id}", customerHandler::get, Access.USER);
            r.patch("/v1/customers/{id}", customerHandler::update, Access.ADMIN);
            r.delete("/v1/customers/{id}", customerHandler::delete, Access.ADMIN);
            r.get("/v1/customers/{id}/github-token", customerHandler::getGithubToken, Access.USER);
            r.put("/v1/customers/{id}/github-token", customerHandler::putGithubToken, Access.ADMIN);
            r.delete("/v1/customers/{id}/github-token", customerHandler::deleteGithubToken, Access.ADMIN);

            r.get("/v1/integrations", integrationHandler::list, Access.ADMIN);
            r.get("/v1/integrations/argocd", integrationHandler::getArgoCd, Access.ADMIN);
            r.put("/v1/integrations/argocd", integrationHandler::putArgoCd, Access.ADMIN);
            r.delete("/v1/integrations/argocd", integrationHandler::deleteArgoCd, Access.ADMIN);
            r.post("/v1/integrations/argocd/test", integrationHandler::testArgoCd, Access.ADMIN);

            r.get("/v1/audit", auditHandler::page, Access.ADMIN);
            r.get("/v1/audit/actions", auditHandler::actions, Access.ADMIN);
        });
    }

    /**
     * snake_case JSON, ISO-8601 times; unknown fields, duplicate keys and trailing content refused: a parser more
     * lenient than the next one in line lets one body mean two things (e.g. {@code "role":"viewer","role":"admin"}).
     */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(StrictStrings.module())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
