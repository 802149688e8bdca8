package io.openluffy.api.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiConfigTest {
    private static final String GOOD_JWT_KEY = "k".repeat(32);
    private static final String GOOD_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes

    @Test
    void defaultsAreTheEmbeddedLocalMode() {
        ApiConfig config = EnvironmentConfig.read(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./openluffy-data"));
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.loginFailuresPerHour()).isEqualTo(100);
        assertThat(config.jwtSigningKey()).isEmpty();
    }

    @Test
    void shortJwtKeyRefusesToStartAndSaysWhy() {
        assertThatThrownBy(() -> EnvironmentConfig.read(Map.of("OPENLUFFY_JWT_SIGNING_KEY", "too-short-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENLUFFY_JWT_SIGNING_KEY is 128 bits long")
                .hasMessageContaining("at least 256 bits")
                .hasMessageContaining("openssl rand")
                .hasMessageNotContaining("too-short-secret");
    }

    @Test
    void externalDatabaseNeedsCredentialsAndBothKeys() {
        assertThatThrownBy(() -> EnvironmentConfig.read(Map.of("OPENLUFFY_DATABASE_URL", "jdbc:postgresql://db:5432/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENLUFFY_DATABASE_USER is required")
                .hasMessageContaining("OPENLUFFY_DATABASE_PASSWORD is required")
                .hasMessageContaining("OPENLUFFY_JWT_SIGNING_KEY is required")
                .hasMessageContaining("OPENLUFFY_ENCRYPTION_KEY is required");
    }

    @Test
    void completeExternalConfigurationIsAccepted() {
        ApiConfig config = EnvironmentConfig.read(Map.of(
                "OPENLUFFY_DATABASE_URL", "jdbc:postgresql://db:5432/openluffy",
                "OPENLUFFY_DATABASE_USER", "openluffy",
                "OPENLUFFY_DATABASE_PASSWORD", "db-secret-value",
                "OPENLUFFY_JWT_SIGNING_KEY", GOOD_JWT_KEY,
                "OPENLUFFY_ENCRYPTION_KEY", GOOD_ENCRYPTION_KEY,
                "OPENLUFFY_PORT", "9090"));
        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.encryptionKey().orElseThrow()).hasSize(32);
        assertThat(config.toString()).doesNotContain("db-secret-value").doesNotContain(GOOD_JWT_KEY);
    }

    @Test
    void badValuesAreAllReportedAtOnce() {
        assertThatThrownBy(() -> EnvironmentConfig.read(Map.of(
                "OPENLUFFY_PORT", "eighty",
                "OPENLUFFY_ENCRYPTION_KEY", "c2hvcnQ=",
                "OPENLUFFY_DATABASE_URL", "mysql://db/x",
                "OPENLUFFY_DATABASE_USER", "u",
                "OPENLUFFY_DATABASE_PASSWORD", "p",
                "OPENLUFFY_JWT_SIGNING_KEY", GOOD_JWT_KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENLUFFY_PORT must be a whole number (got 'eighty')")
                .hasMessageContaining("OPENLUFFY_ENCRYPTION_KEY must be base64 of exactly 32 bytes")
                .hasMessageContaining("OPENLUFFY_DATABASE_URL must be a PostgreSQL JDBC URL");
    }

    @Test
    void aShortBootstrapTokenRefusesToStartWithoutQuotingIt() {
        assertThatThrownBy(() -> EnvironmentConfig.read(Map.of("OPENLUFFY_BOOTSTRAP_TOKEN", "changeme")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENLUFFY_BOOTSTRAP_TOKEN must be at least 16 characters")
                .hasMessageNotContaining("changeme");
        ApiConfig config = EnvironmentConfig.read(Map.of("OPENLUFFY_BOOTSTRAP_TOKEN", " bootstrap-secret-value\n"));
        assertThat(config.bootstrapToken()).contains("bootstrap-secret-value");
        assertThat(config.toString()).contains("bootstrapToken=true").doesNotContain("bootstrap-secret-value");
        assertThat(EnvironmentConfig.read(Map.of()).bootstrapToken()).isEmpty();
    }

    @Test
    void aValueOutOfRangeIsReportedOnceWhereverItComesFrom() {
        ConfigException fromEnvironment = catchThrowableOfType(ConfigException.class,
                () -> EnvironmentConfig.read(Map.of("OPENLUFFY_PORT", "70000")));
        ConfigException fromBuilder = catchThrowableOfType(ConfigException.class,
                () -> ApiConfig.builder().port(70000).build());
        assertThat(fromEnvironment.problems()).containsExactly("OPENLUFFY_PORT must be from 0 to 65535 (got 70000)");
        assertThat(fromBuilder.problems()).isEqualTo(fromEnvironment.problems());
    }
}
