package io.openluffy.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.openluffy.api.ApiServer;
import io.openluffy.api.config.EnvironmentConfig;
import io.openluffy.operator.testing.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** app-role.sh, run with dash against a real PostgreSQL 15 whose bootstrap superuser is the instance's user. */
class AppRoleScriptTest {

  static final Script APP_ROLE = Script.named("app-role.sh");
  static final String APP_USER = "openluffy_app";
  static final String EMAIL = "admin@acme.example";

  final String appPassword = "app-" + UUID.randomUUID();
  final String adminPassword = "admin-" + UUID.randomUUID();
  final Map<String, String> keys = Map.of(
      "OPENLUFFY_JWT_SIGNING_KEY", Base64.getEncoder().encodeToString(new byte[64]).replace('A', 'k'),
      "OPENLUFFY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));

  @RegisterExtension
  final ScratchPostgres postgres = new ScratchPostgres();
  @TempDir
  Path serverDir;

  @Test
  void theRoleLogsInIsNoSuperuserAndOwnsTheDatabaseAndEverythingInPublic() throws Exception {
    postgres.sql("""
        CREATE TYPE state AS ENUM ('on', 'off');
        CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
        CREATE TABLE things (id bigserial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY, s state, e email);
        CREATE SEQUENCE tickets;
        CREATE VIEW thing_ids AS SELECT id FROM things;
        CREATE MATERIALIZED VIEW thing_count AS SELECT count(*) FROM things;
        CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql AS 'SELECT $1 * 2';
        CREATE PROCEDURE noop() LANGUAGE sql AS 'SELECT 1';
        """);

    Script.assertSucceeded(runScript(), "app role ready: openluffy_app (not a superuser) owns database openluffy");

    assertThat(postgres.sql("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin"
        + " FROM pg_roles WHERE rolname = '" + APP_USER + "'")).isEqualTo("f|f|f|f|f|t");
    assertThat(notOwnedByTheApp()).as("objects in public the app role does not own").isEmpty();
    assertThat(postgres.sql("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
        .isEqualTo(APP_USER);
    assertThat(postgres.sql("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'"))
        .isEqualTo(APP_USER);
    // as the role itself, with its password: it can change its schema, and nothing beyond it
    assertThat(asApp("SELECT current_user, twice(21); ALTER TABLE things ADD COLUMN added int; CREATE TABLE more (x int);"
        + " SELECT nextval('tickets')")).isEqualTo("openluffy_app|42\n1");
    assertThat(asAppFails("CREATE ROLE intruder")).contains("permission denied");
    assertThat(asAppFails("SELECT pg_read_file('PG_VERSION')")).contains("permission denied");
  }

  @Test
  void anExistingDatabaseMovesToTheRoleWithEveryRowAndTheApiServerWorksAsTheRole() throws Exception {
    // Before the upgrade: the API server connects as the superuser and makes its schema and data.
    String customerId;
    try (ApiServer server = apiServer(ScratchPostgres.USER, ScratchPostgres.PASSWORD)) {
      ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + server.port()));
      assertThat(api.createAdmin(EMAIL, adminPassword).status()).isEqualTo(201);
      String token = api.accessToken(EMAIL, adminPassword);
      for (int i = 0; i < 5; i++) {
        assertThat(api.createUser(token, "user" + i + "@acme.example", "password-" + i + "-long", "viewer").status())
            .isEqualTo(201);
      }
      customerId = api.createCustomer(token, "Acme").body().path("id").asText();
      api.createCustomer(token, "Globex");
      assertThat(api.putGithubToken(token, customerId, "ghp_0123456789abcdefWXYZ").status()).isEqualTo(200);
    }
    assertThat(notOwnedByTheApp()).as("the superuser owns the schema before").isNotEmpty();
    String before = everyTable();

    Script.assertSucceeded(runScript(), "app role ready");

    assertThat(everyTable()).as("every row of every table").isEqualTo(before);
    assertThat(notOwnedByTheApp()).isEmpty();
    try (ApiServer server = apiServer(APP_USER, appPassword)) {
      ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + server.port()));
      String token = api.accessToken(EMAIL, adminPassword);
      assertThat(api.users(token).body()).as("admin and five users").hasSize(6);
      assertThat(api.githubToken(token, customerId).body().path("last4").asText()).isEqualTo("WXYZ");
      assertThat(api.createCustomer(token, "Initech").status()).as("a write").isEqualTo(201);
      assertThat(api.customers(token).body()).hasSize(3);
      assertThat(postgres.sql("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'openluffy'"
          + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'")).as("who the API server is")
          .isEqualTo(APP_USER);
    }
  }

  @Test
  void aSecondRunChangesNothingAndANewPasswordInTheSecretHealsTheRole() throws Exception {
    TestData.load(postgres);
    Script.assertSucceeded(runScript(), "app role ready");
    String catalog = catalog();
    String data = TestData.checksums(postgres);

    Script.assertSucceeded(runScript(), "app role ready");
    assertThat(catalog()).isEqualTo(catalog);
    assertThat(TestData.checksums(postgres)).isEqualTo(data);

    String regenerated = "new-" + UUID.randomUUID();
    var env = Script.env(scriptEnv(), "APP_PASSWORD", regenerated);
    Script.assertSucceeded(APP_ROLE.run(env, serverDir.resolve("no-shims")), "app role ready");
    assertThat(Script.command(Script.env(postgres.pgEnv(), "PGUSER", APP_USER, "PGPASSWORD", regenerated),
        java.util.List.of("psql", "-X", "-t", "-A", "-c", "SELECT current_user")).stdout().strip()).isEqualTo(APP_USER);
  }

  @Test
  void thePasswordStaysOutOfTheServerLogEvenWithEveryStatementLogged() throws Exception {
    postgres.sql("ALTER SYSTEM SET log_statement = 'all'");
    postgres.sql("SELECT pg_reload_conf()");
    Script.assertSucceeded(runScript(), "app role ready");
    // a run whose ALTER ROLE ... PASSWORD itself fails (another session holds the role's row), which is what the
    // server logs with the failed statement's text unless told not to
    Script.Run failed;
    try (var lock = Lock.holding(postgres, "ALTER ROLE " + APP_USER + " CONNECTION LIMIT 5")) {
      failed = APP_ROLE.run(Script.env(scriptEnv(), "LOCK_WAIT_TIMEOUT", "1s"), serverDir.resolve("no-shims"));
    }
    Script.assertFailedWithOneLine(failed, "canceling statement due to lock timeout");

    postgres.sql("SELECT 'other sessions are logged'");
    String log = postgres.serverLog();
    assertThat(log).as("statements are logged").contains("other sessions are logged");
    assertThat(log).as("server log").doesNotContain(appPassword);
    assertThat(failed.stdout() + failed.stderr()).doesNotContain(appPassword);
  }

  @Test
  void badInputIsNamed() {
    Path shims = serverDir.resolve("no-shims");
    Script.assertFailedWithOneLine(APP_ROLE.run(Script.env(scriptEnv(), "APP_PASSWORD", ""), shims),
        "APP_PASSWORD is not set");
    Script.assertFailedWithOneLine(APP_ROLE.run(Script.env(scriptEnv(), "APP_USER", ScratchPostgres.USER), shims),
        "APP_USER must not be the superuser PGUSER (openluffy)");
    Script.Run wrong = APP_ROLE.run(Script.env(scriptEnv(), "PGPASSWORD", "wrong-" + appPassword), shims);
    Script.assertFailedWithOneLine(wrong, "password authentication failed for user \"openluffy\"");
    assertThat(wrong.stderr()).doesNotContain(appPassword);
  }

  private Script.Run runScript() {
    return APP_ROLE.run(scriptEnv(), serverDir.resolve("no-shims"));
  }

  /** What the init container gets: the superuser's libpq variables and the app role's user and password. */
  private Map<String, String> scriptEnv() {
    return Script.env(postgres.pgEnv(), "APP_USER", APP_USER, "APP_PASSWORD", appPassword);
  }

  private ApiServer apiServer(String user, String password) {
    var env = new HashMap<>(keys);
    env.put("OPENLUFFY_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + ScratchPostgres.DATABASE);
    env.put("OPENLUFFY_DATABASE_USER", user);
    env.put("OPENLUFFY_DATABASE_PASSWORD", password);
    env.put("OPENLUFFY_PORT", "0");
    env.put("OPENLUFFY_BIND_ADDRESS", "127.0.0.1");
    env.put("OPENLUFFY_DATA_DIR", serverDir.resolve("api").toString());
    return ApiServer.start(EnvironmentConfig.read(env));
  }

  private String notOwnedByTheApp() throws Exception {
    return postgres.sql("""
        SELECT string_agg(name, ', ' ORDER BY name) FROM (
          SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
             AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND pg_get_userbyid(c.relowner) <> 'openluffy_app'
          UNION ALL SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
             AND pg_get_userbyid(p.proowner) <> 'openluffy_app'
          UNION ALL SELECT t.typname FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace
             AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> 'openluffy_app') o
        """);
  }

  /** Rows of every table in public (count and md5), whatever the API server's migrations made. */
  private String everyTable() throws Exception {
    String query = postgres.sql("SELECT string_agg(format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, "
        + "'','' ORDER BY t::text), '''')) FROM public.%I t', tablename, tablename), ' UNION ALL ' ORDER BY tablename)"
        + " FROM pg_tables WHERE schemaname = 'public'");
    return postgres.sql(query);
  }

  /** Owners and role attributes (not the password verifier: each ALTER ROLE ... PASSWORD salts anew). */
  private String catalog() throws Exception {
    return postgres.sql("SELECT string_agg(x, ';' ORDER BY x) FROM (SELECT c.relname || ':' || c.relowner::regrole"
        + " AS x FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace UNION ALL SELECT r.rolname || ':' ||"
        + " r.rolsuper || r.rolcanlogin || r.rolcreatedb || r.rolcreaterole FROM pg_roles r"
        + " UNION ALL SELECT datname || ':' || datdba::regrole FROM pg_database) o");
  }

  private String asApp(String sql) {
    Script.Run run = Script.command(Script.env(postgres.pgEnv(), "PGUSER", APP_USER, "PGPASSWORD", appPassword),
        java.util.List.of("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql));
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run.stdout().strip();
  }

  private String asAppFails(String sql) {
    Script.Run run = Script.command(Script.env(postgres.pgEnv(), "PGUSER", APP_USER, "PGPASSWORD", appPassword),
        java.util.List.of("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql));
    assertThat(run.exit()).isNotZero();
    return run.stderr();
  }
}
