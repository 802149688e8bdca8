package io.openluffy.operator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.openluffy.operator.crd.AdminStatus;
import io.openluffy.operator.crd.ConditionReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminSecretDriftTest {

  static final AdminSecretLocation LOCATION = new AdminSecretLocation("openluffy", "openluffy-prod-admin");

  @Test
  void theSecretTheAdminWasCreatedFromIsInSync() {
    var drift = AdminSecretDrift.of(admin("41"), LOCATION, Optional.of(secret("41")));

    assertThat(drift.drifted()).isFalse();
    assertThat(drift.reason()).isEqualTo(ConditionReason.AdminSecretDrift.IN_SYNC);
  }

  @Test
  void aChangedSecretIsDriftSayingThePasswordWasNotChangedAndWhatToDo() {
    var drift = AdminSecretDrift.of(admin("41"), LOCATION, Optional.of(secret("57")));

    assertThat(drift.drifted()).isTrue();
    assertThat(drift.reason()).isEqualTo(ConditionReason.AdminSecretDrift.CHANGED);
    assertThat(drift.message()).contains("openluffy/openluffy-prod-admin", "resourceVersion 41, now 57",
        "password was NOT changed", "PATCH /v1/auth/users/{id}", "delete the Secret");
  }

  @Test
  void aSecretDeletedAfterBootstrapIsFine() {
    var drift = AdminSecretDrift.of(admin("41"), LOCATION, Optional.empty());

    assertThat(drift.drifted()).isFalse();
    assertThat(drift.reason()).isEqualTo(ConditionReason.AdminSecretDrift.REMOVED);
  }

  static AdminStatus admin(String resourceVersion) {
    var admin = new AdminStatus();
    admin.setEmail("admin@prod.local");
    admin.setSecretResourceVersion(resourceVersion);
    return admin;
  }

  static Secret secret(String resourceVersion) {
    return new SecretBuilder().withNewMetadata().withName("openluffy-prod-admin").withNamespace("openluffy")
        .withResourceVersion(resourceVersion).endMetadata().build();
  }
}
