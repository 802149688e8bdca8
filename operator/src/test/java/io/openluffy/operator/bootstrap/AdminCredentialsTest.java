package io.openluffy.operator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

  static final String PASSWORD = "Correct-Horse-Battery-Staple";

  @Test
  void readsTheKeysOfTheSecretTrimmingTheNewlineOfEchoPipedToBase64() {
    var admin = AdminCredentials.fromSecret(secret(Map.of("email", "admin@prod.local\n", "password", PASSWORD + "\n",
        "first_name", "Ada", "last_name", "Lovelace")));

    assertThat(admin).isEqualTo(new AdminCredentials("admin@prod.local", PASSWORD, "Ada", "Lovelace"));
  }

  @Test
  void namesAreOptional() {
    var admin = AdminCredentials.fromSecret(secret(Map.of("email", "admin@prod.local", "password", PASSWORD,
        "last_name", " ")));

    assertThat(admin.firstName()).isNull();
    assertThat(admin.lastName()).isNull();
  }

  @Test
  void aMissingOrEmptyRequiredKeyIsNamedAndItsValueIsNot() {
    assertThatThrownBy(() -> AdminCredentials.fromSecret(secret(Map.of("password", PASSWORD))))
        .isInstanceOf(InvalidAdminSecretException.class).hasMessage("key 'email' is missing or empty");
    var blank = new LinkedHashMap<String, String>(Map.of("email", "admin@prod.local", "password", "  "));
    assertThatThrownBy(() -> AdminCredentials.fromSecret(secret(blank)))
        .isInstanceOfSatisfying(InvalidAdminSecretException.class, e -> assertThat(e.key()).isEqualTo("password"));
    assertThatThrownBy(() -> AdminCredentials.fromSecret(new SecretBuilder().build()))
        .hasMessageContaining("'email'");
  }

  @Test
  void dataThatIsNotBase64IsInvalidWithoutQuotingIt() {
    var secret = new SecretBuilder().addToData("email", Base64.getEncoder().encodeToString("a@b.c".getBytes()))
        .addToData("password", "%%" + PASSWORD).build();

    assertThatThrownBy(() -> AdminCredentials.fromSecret(secret))
        .hasMessage("key 'password' is missing or empty").hasNoCause();
  }

  @Test
  void toStringNeverShowsThePassword() {
    var admin = new AdminCredentials("admin@prod.local", PASSWORD, "Ada", "Lovelace");

    assertThat(admin.toString()).contains("admin@prod.local").doesNotContain(PASSWORD);
  }

  static Secret secret(Map<String, String> values) {
    var builder = new SecretBuilder().withNewMetadata().withName("admin").withNamespace("openluffy").endMetadata();
    values.forEach((k, v) -> builder.addToData(k,
        Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return builder.build();
  }
}
