package io.openluffy.api;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.auth.ApiTokenService;
import io.openluffy.api.auth.AuthService;
import io.openluffy.api.auth.BootstrapToken;
import io.openluffy.api.auth.JwtCodec;
import io.openluffy.api.auth.SessionCache;
import io.openluffy.api.config.ApiConfig;
import io.openluffy.api.config.LocalKeys;
import io.openluffy.api.crypto.KeyRing;
import io.openluffy.api.crypto.SecretCipher;
import io.openluffy.api.crypto.SecretVault;
import io.openluffy.api.customers.CustomerService;
import io.openluffy.api.db.ApiTokenRepository;
import io.openluffy.api.db.AuthChangeListener;
import io.openluffy.api.db.AuditRepository;
import io.openluffy.api.db.CustomerRepository;
import io.openluffy.api.db.Database;
import io.openluffy.api.db.IntegrationRepository;
import io.openluffy.api.db.LoginFailureRepository;
import io.openluffy.api.db.SecretRepository;
import io.openluffy.api.db.SessionRepository;
import io.openluffy.api.db.UserRepository;
import io.openluffy.api.http.HttpApp;
import io.openluffy.api.http.RouteTable;
import io.openluffy.api.http.Services;
import io.openluffy.api.integrations.ArgoCdClient;
import io.openluffy.api.integrations.IntegrationService;
import io.openluffy.api.integrations.OutboundAddresses;
import io.openluffy.api.metrics.Metrics;
import io.openluffy.api.users.AccountService;
import io.openluffy.api.users.LoginThrottle;
import io.openluffy.api.users.PasswordHasher;
import io.openluffy.api.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The composition root: builds database, services and HTTP from one {@link ApiConfig} and runs them until
 * {@link #close()}. Other modules' tests start it in-process: {@code ApiServer.start(config)}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Database database;
    private final Metrics metrics;
    private final AuthChangeListener authChanges;
    private final Javalin http;
    private final RouteTable routes;
    private final String host;

    private ApiServer(Database database, Metrics metrics, AuthChangeListener authChanges, Javalin http,
                      RouteTable routes, String bindAddress) {
        this.database = database;
        this.metrics = metrics;
        this.authChanges = authChanges;
        this.http = http;
        this.routes = routes;
        this.host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
    }

    /** Starts the server; returns once it accepts requests (with its schema migrated). */
    public static ApiServer start(ApiConfig config) {
        ApiConfig cfg = config.embeddedDatabase() ? LocalKeys.complete(config) : config;
        Metrics metrics = new Metrics();
        // PostgreSQL starts and migrates on another thread while this one builds the services and HTTP routes
        // (class loading and initialisation of Javalin, Jackson, jjwt): start-up is the longer of the two, not the sum.
        Database database = Database.open(cfg, metrics.registry());
        try {
            metrics.databaseReadiness(database::isReachable);
            Clock clock = Clock.systemUTC();
            DataSource ds = database.dataSource();
            SessionRepository sessions = new SessionRepository(ds);
            ApiTokenRepository apiTokenRepository = new ApiTokenRepository(ds);
            UserRepository userRepository = new UserRepository(ds, sessions, apiTokenRepository);
            PasswordHasher hasher = new PasswordHasher();
            UserService users = new UserService(userRepository, hasher);
            ApiTokenService apiTokens = new ApiTokenService(apiTokenRepository);
            LoginThrottle throttle = new LoginThrottle(new LoginFailureRepository(ds), cfg.loginFailuresPerHour(),
                    throttleKey(cfg.jwtSigningKey().orElseThrow()));
            SessionCache sessionCache = new SessionCache();
            AuthService auth = new AuthService(users, userRepository, sessions, throttle, hasher,
                    new JwtCodec(cfg.jwtSigningKey().orElseThrow(), clock), apiTokens, clock, sessionCache,
                    BootstrapToken.of(cfg.bootstrapToken().orElse(null)));
            AuditLog audit = new AuditLog(new AuditRepository(ds));
            SecretVault vault = new SecretVault(new SecretRepository(ds), cipher(cfg));
            CustomerService customers = new CustomerService(new CustomerRepository(ds), vault);
            IntegrationService integrations = new IntegrationService(new IntegrationRepository(ds), vault,
                    new ArgoCdClient(Duration.ofSeconds(5), Duration.ofSeconds(10),
                            new OutboundAddresses(cfg.allowPrivateIntegrations())), cfg.allowInsecureIntegrations());
            AccountService accounts = new AccountService(userRepository, throttle, hasher);
            Services services = new Services(auth, users, accounts, apiTokens, customers, integrations, audit, metrics,
                    database::isReachable);
            RouteTable routes = new RouteTable();
            Javalin app = HttpApp.create(services, cfg.metricsRequireAuth(), routes);
            database.awaitReady();
            Javalin http = app.start(cfg.bindAddress(), cfg.port());
            // until it listens, sessions are checked in the database on every request
            AuthChangeListener authChanges = new AuthChangeListener((HikariDataSource) ds, sessionCache);
            authChanges.start();
            ApiServer server = new ApiServer(database, metrics, authChanges, http, routes, cfg.bindAddress());
            LOG.info("OpenLuffy API server listening on http://{}:{} (database: {})", cfg.bindAddress(), server.port(),
                    cfg.embeddedDatabase() ? "embedded, data in " + cfg.dataDir().toAbsolutePath().normalize() : "external");
            // off the start path, yet before most logins: see PasswordHasher#prepare
            Thread dummyHash = new Thread(hasher::prepare, "password-dummy-hash");
            dummyHash.setDaemon(true);
            dummyHash.start();
            return server;
        } catch (RuntimeException e) {
            database.close();
            metrics.close();
            throw e;
        }
    }

    /** The login throttle's hashing key: derived from the signing key, so every replica has the same one. */
    private static byte[] throttleKey(byte[] jwtSigningKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(jwtSigningKey, "HmacSHA256"));
            return mac.doFinal("openluffy login throttle".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }

    /** The cipher for stored secrets, from the configuration's current and (during a rotation) previous key. */
    static SecretCipher cipher(ApiConfig cfg) {
        return new SecretCipher(KeyRing.of(cfg.encryptionKey().orElseThrow(), cfg.previousEncryptionKey().orElse(null)));
    }

    /** The HTTP port actually bound (useful when the configuration asked for port 0). */
    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    /** Every HTTP route with its access, for tests that must cover all of them. */
    public List<RouteTable.Route> routes() {
        return routes.routes();
    }

    /** The server's connection pool, for tests that inspect or reset the database. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** Stops HTTP first, then the database (and the embedded PostgreSQL, keeping its data). */
    @Override
    public void close() {
        http.stop();
        authChanges.close();
        database.close();
        metrics.close();
    }
}
