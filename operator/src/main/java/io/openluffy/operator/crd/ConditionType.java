package io.openluffy.operator.crd;

/** Condition types of {@code status.conditions}. */
public final class ConditionType {
  public static final String READY = "Ready";
  public static final String DATABASE_READY = "DatabaseReady";
  public static final String API_SERVER_READY = "ApiServerReady";
  public static final String ADMIN_BOOTSTRAPPED = "AdminBootstrapped";
  /** With spec.host only: the Ingress exists (created once the first admin does). */
  public static final String INGRESS_READY = "IngressReady";
  /** Informational: the admin Secret changed after the first admin was created from it. */
  public static final String ADMIN_SECRET_DRIFT = "AdminSecretDrift";
  public static final String BACKUP_SCHEDULED = "BackupScheduled";
  /** Informational, only while spec.database.image names another PostgreSQL major than the data directory's. */
  public static final String DATABASE_UPGRADE_BLOCKED = "DatabaseUpgradeBlocked";
  /**
   * Informational, only while spec.database.storage or spec.backup.storage asks more than a claim has and its
   * StorageClass cannot expand it.
   */
  public static final String STORAGE_RESIZE_UNSUPPORTED = "StorageResizeUnsupported";
  public static final String LAST_BACKUP_SUCCEEDED = "LastBackupSucceeded";
  /** Informational, with spec.backup.verify: the newest verification Job restored its dump and read it back. */
  public static final String BACKUP_VERIFIED = "BackupVerified";

  private ConditionType() {
  }
}
