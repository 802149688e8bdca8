package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Reconcile precondition of the backup objects: {@code spec.backup.enabled}. When it turns false the CronJob and the
 * scripts ConfigMap are deleted; the volume, being data, stays (it is never deleted by the operator).
 */
public class BackupEnabled extends SpecCondition<HasMetadata> {
  public BackupEnabled() {
    super(spec -> spec.backupEnabled());
  }
}
