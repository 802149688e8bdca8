package io.openluffy.operator.bootstrap;

import io.fabric8.kubernetes.api.model.Secret;
import io.openluffy.operator.crd.AdminStatus;
import io.openluffy.operator.crd.ConditionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code AdminSecretDrift} condition: after the first admin exists, is the Secret still the one it was made
 * from? Operators that silently ignore a later edit leave users believing they rotated the admin password; this
 * says plainly that they did not.
 */
public record AdminSecretDrift(boolean drifted, String reason, String message) {

  /** Compares the Secret as it is now with the resourceVersion recorded in {@code status.admin}. */
  public static AdminSecretDrift of(AdminStatus admin, AdminSecretLocation location, Optional<Secret> secret) {
    if (secret.isEmpty()) {
      return new AdminSecretDrift(false, ConditionReason.AdminSecretDrift.REMOVED,
          "Secret " + location + " was removed after the first admin was "
          + "created; it is not needed any more");
    }
    String now = secret.get().getMetadata().getResourceVersion();
    if (Objects.equals(now, admin.getSecretResourceVersion())) {
      return new AdminSecretDrift(false, ConditionReason.AdminSecretDrift.IN_SYNC,
          "Secret " + location + " is the one the first admin was created from");
    }
    return new AdminSecretDrift(true, ConditionReason.AdminSecretDrift.CHANGED,
        "Secret " + location + " changed after the first admin was created "
        + "from it (resourceVersion " + admin.getSecretResourceVersion() + ", now " + now + "). The running admin "
        + "password was NOT changed: the Secret is only read to create the first admin. Change passwords in "
        + "OpenLuffy (log in, then PATCH /v1/auth/users/{id}); delete the Secret once it is no longer needed, "
        + "which also clears this condition");
  }
}
