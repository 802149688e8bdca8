package io.openluffy.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsMatchTheDocumentedOnes() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()))
        .isEqualTo(new OperatorConfig("openluffy-system", false, true, 8081));
  }

  @Test
  void readsEveryVariable() {
    var config = OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_NAMESPACE", "ops",
        "OPENLUFFY_OPERATOR_LEADER_ELECTION", "true", "OPENLUFFY_OPERATOR_SSA", "false",
        "OPENLUFFY_OPERATOR_HTTP_PORT", "9090", "OPENLUFFY_OPERATOR_ADMIN_SECRET_NAMESPACE", "admins",
        "OPENLUFFY_OPERATOR_ALLOWED_IMAGE_PREFIXES", "registry.example.com/openluffy/, docker.io/library/postgres:,"));
    assertThat(config).isEqualTo(new OperatorConfig("ops", true, false, 9090, "admins",
        List.of("registry.example.com/openluffy/", "docker.io/library/postgres:")));
  }

  @Test
  void badValuesFailFastNamingTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_SSA", "yes")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_SSA");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_HTTP_PORT", "80000")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_HTTP_PORT");
  }
}
