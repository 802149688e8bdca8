package io.openluffy.operator.crd;

/**
 * Every reason a condition of {@code status.conditions} can have: one nested class per {@link ConditionType}, named
 * after it. Reasons are what alerts and scripts match, so they live here and nowhere else; each one has its entry in
 * operator/docs/troubleshooting.md ({@code TroubleshootingPageTest} enumerates these classes against that page).
 */
public final class ConditionReason {

  private ConditionReason() {
  }

  /** {@link ConditionType#READY}. */
  public static final class Ready {
    public static final String ALL_COMPONENTS_READY = "AllComponentsReady";
    public static final String COMPONENTS_NOT_READY = "ComponentsNotReady";
    public static final String RESTORING = "Restoring";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
    public static final String RETAINED_DATA_FOUND = "RetainedDataFound";
    public static final String GENERATED_SECRET_MISSING = "GeneratedSecretMissing";
    public static final String RECONCILE_ERROR = "ReconcileError";

    private Ready() {
    }
  }

  /** {@link ConditionType#DATABASE_READY}. */
  public static final class DatabaseReady {
    public static final String STATEFUL_SET_READY = "StatefulSetReady";
    public static final String CREATING = "Creating";
    public static final String STATEFUL_SET_NOT_READY = "StatefulSetNotReady";

    private DatabaseReady() {
    }
  }

  /** {@link ConditionType#API_SERVER_READY}. */
  public static final class ApiServerReady {
    public static final String DEPLOYMENT_AVAILABLE = "DeploymentAvailable";
    public static final String CREATING = "Creating";
    public static final String DEPLOYMENT_UNAVAILABLE = "DeploymentUnavailable";

    private ApiServerReady() {
    }
  }

  /** {@link ConditionType#ADMIN_BOOTSTRAPPED}. */
  public static final class AdminBootstrapped {
    public static final String CREATED = "Created";
    public static final String ALREADY_INITIALIZED = "AlreadyInitialized";
    public static final String WAITING_FOR_API_SERVER = "WaitingForApiServer";
    public static final String SECRET_NOT_FOUND = "AdminSecretNotFound";
    public static final String SECRET_NOT_ALLOWED = "AdminSecretNotAllowed";
    public static final String SECRET_INVALID = "AdminSecretInvalid";
    public static final String API_SERVER_UNREACHABLE = "ApiServerUnreachable";
    public static final String REJECTED = "AdminRejected";

    private AdminBootstrapped() {
    }
  }

  /** {@link ConditionType#INGRESS_READY}. */
  public static final class IngressReady {
    public static final String INGRESS_CREATED = "IngressCreated";
    public static final String CREATING = "Creating";
    public static final String WAITING_FOR_ADMIN = "WaitingForAdmin";

    private IngressReady() {
    }
  }

  /** {@link ConditionType#ADMIN_SECRET_DRIFT}. */
  public static final class AdminSecretDrift {
    public static final String CHANGED = "SecretChanged";
    public static final String IN_SYNC = "InSync";
    public static final String REMOVED = "SecretRemoved";

    private AdminSecretDrift() {
    }
  }

  /** {@link ConditionType#BACKUP_SCHEDULED}. */
  public static final class BackupScheduled {
    public static final String SCHEDULED = "Scheduled";
    public static final String CREATING = "Creating";
    public static final String BACKUP_DISABLED = "BackupDisabled";

    private BackupScheduled() {
    }
  }

  /** {@link ConditionType#DATABASE_UPGRADE_BLOCKED}. */
  public static final class DatabaseUpgradeBlocked {
    public static final String MAJOR_VERSION_CHANGE = "MajorVersionChange";

    private DatabaseUpgradeBlocked() {
    }
  }

  /** {@link ConditionType#STORAGE_RESIZE_UNSUPPORTED}. */
  public static final class StorageResizeUnsupported {
    public static final String STORAGE_CLASS_NOT_EXPANDABLE = "StorageClassNotExpandable";

    private StorageResizeUnsupported() {
    }
  }

  /** {@link ConditionType#LAST_BACKUP_SUCCEEDED}. */
  public static final class LastBackupSucceeded {
    public static final String BACKUP_SUCCEEDED = "BackupSucceeded";
    public static final String BACKUP_FAILED = "BackupFailed";
    public static final String BACKUP_STALE = "BackupStale";

    private LastBackupSucceeded() {
    }
  }

  /** {@link ConditionType#BACKUP_VERIFIED}. */
  public static final class BackupVerified {
    public static final String VERIFICATION_SUCCEEDED = "VerificationSucceeded";
    public static final String VERIFICATION_FAILED = "VerificationFailed";
    public static final String VERIFICATION_STALE = "VerificationStale";

    private BackupVerified() {
    }
  }
}
