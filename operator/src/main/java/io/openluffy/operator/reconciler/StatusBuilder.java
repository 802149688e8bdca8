package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.openluffy.operator.crd.AdminStatus;
import io.openluffy.operator.crd.BackupStatus;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.DatabaseStatus;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.crd.VerificationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place status is made. Steps report conditions; {@link #build()} adds {@code Ready}, the phase and
 * {@code observedGeneration}, and keeps each condition's {@code lastTransitionTime} unless its status changed, so
 * an unchanged world yields an equal status and no write.
 */
public final class StatusBuilder {

  private record Reported(String status, String reason, String message, boolean requiredForReady) {
  }

  private final OpenLuffyInstance instance;
  private final OpenLuffyInstanceStatus previous;
  private final Clock clock;
  private final Map<String, Reported> reported = new LinkedHashMap<>();
  private String namespace;
  private String endpoint;
  private AdminStatus admin;
  private BackupStatus lastBackup;
  private VerificationStatus lastVerification;
  private Reported failure;
  private DatabaseStatus database;
  private Reported restoring;
  private Duration retryAfter;
  private boolean terminal;

  public StatusBuilder(OpenLuffyInstance instance, Clock clock) {
    this.instance = instance;
    this.previous = Optional.ofNullable(instance.getStatus()).orElseGet(OpenLuffyInstanceStatus::new);
    this.clock = clock;
    // the namespace in use is only ever set once the workflow ran there (WorkloadStatus): a refused spec keeps it
    this.namespace = previous.getNamespace();
    this.admin = previous.getAdmin();
    this.lastBackup = previous.getLastBackup();
    this.lastVerification = previous.getLastVerification();
    this.database = previous.getDatabase();
  }

  /** A condition {@code Ready} waits for. */
  public StatusBuilder required(String type, boolean ok, String reason, String message) {
    reported.put(type, new Reported(ok ? "True" : "False", reason, message, true));
    return this;
  }

  /** A condition shown for information only (e.g. BackupScheduled while backups are disabled). */
  public StatusBuilder informational(String type, boolean ok, String reason, String message) {
    reported.put(type, new Reported(ok ? "True" : "False", reason, message, false));
    return this;
  }

  /** A problem retrying cannot fix (InvalidSpec, NamespaceConflict): Ready=False with this reason, phase Failed. */
  public StatusBuilder failed(String reason, String message) {
    failure = new Reported("False", reason, message, true);
    terminal = true;
    return this;
  }

  /** An OpenLuffyRestore is running: Ready=False with reason Restoring and this message, phase Restoring. */
  public StatusBuilder restoring(String message) {
    restoring = new Reported("False", ConditionReason.Ready.RESTORING, message, true);
    return this;
  }

  /** A reconcile error the operator retries with backoff: Ready=False with this reason, phase not Failed. */
  public StatusBuilder error(String reason, String message) {
    failure = new Reported("False", reason, message, true);
    terminal = false;
    return this;
  }

  public boolean isTrue(String type) {
    Reported r = reported.get(type);
    return r != null && "True".equals(r.status());
  }

  public StatusBuilder namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public StatusBuilder endpoint(String endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  public StatusBuilder admin(AdminStatus admin) {
    this.admin = admin;
    return this;
  }

  /** The admin as reported so far (initially the previous status's). */
  public AdminStatus admin() {
    return admin;
  }

  /**
   * Asks for the next reconcile within this delay (a step retrying with backoff, or a condition that changes with
   * time alone); the shortest request wins. Honoured whether or not the instance is Ready.
   */
  public StatusBuilder retryAfter(Duration delay) {
    if (retryAfter == null || delay.compareTo(retryAfter) < 0) {
      retryAfter = delay;
    }
    return this;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The time this status is made at, for steps whose conditions depend on it (a backup growing stale). */
  public Instant now() {
    return Instant.now(clock);
  }

  public StatusBuilder databaseMajorVersion(int major) {
    database = new DatabaseStatus();
    database.setMajorVersion(major);
    return this;
  }

  public StatusBuilder lastBackup(BackupStatus lastBackup) {
    this.lastBackup = lastBackup;
    return this;
  }

  public StatusBuilder lastVerification(VerificationStatus lastVerification) {
    this.lastVerification = lastVerification;
    return this;
  }

  public OpenLuffyInstanceStatus build() {
    Long generation = instance.getMetadata().getGeneration();
    List<String> waiting = reported.entrySet().stream()
        .filter(e -> e.getValue().requiredForReady() && !"True".equals(e.getValue().status()))
        .map(Map.Entry::getKey).toList();
    var ready = readyCondition(waiting);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(condition(ConditionType.READY, ready, generation));
    reported.forEach((type, r) -> conditions.add(condition(type, r, generation)));

    var status = new OpenLuffyInstanceStatus();
    status.setObservedGeneration(generation);
    status.setPhase(phase(waiting));
    status.setNamespace(namespace);
    status.setEndpoint(endpoint);
    status.setAdmin(admin);
    status.setLastBackup(lastBackup);
    status.setLastVerification(lastVerification);
    status.setDatabase(database);
    status.setConditions(conditions);
    return status;
  }

  private Reported readyCondition(List<String> waiting) {
    if (failure != null) {
      return failure;
    }
    if (restoring != null) {
      return restoring;
    }
    if (waiting.isEmpty()) {
      return new Reported("True", ConditionReason.Ready.ALL_COMPONENTS_READY, "All components are ready", true);
    }
    return new Reported("False", ConditionReason.Ready.COMPONENTS_NOT_READY,
        "Waiting for " + String.join(", ", waiting), true);
  }

  private Phase phase(List<String> waiting) {
    if (terminal) {
      return Phase.Failed;
    }
    if (restoring != null && failure == null) {
      return Phase.Restoring;
    }
    if (waiting.isEmpty() && failure == null) {
      return Phase.Ready;
    }
    // after a restore the API server comes back like after any outage
    if (EnumSet.of(Phase.Ready, Phase.Degraded, Phase.Restoring).contains(previous.getPhase())) {
      return Phase.Degraded;
    }
    boolean bootstrapping = waiting.contains(ConditionType.ADMIN_BOOTSTRAPPED) && List.of(
        ConditionType.ADMIN_BOOTSTRAPPED, ConditionType.INGRESS_READY).containsAll(waiting);
    return bootstrapping ? Phase.Bootstrapping : Phase.Provisioning;
  }

  private Condition condition(String type, Reported r, Long generation) {
    String transition = previous.condition(type)
        .filter(old -> r.status().equals(old.getStatus()) && old.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(r.status())
        .withReason(r.reason())
        .withMessage(r.message())
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }
}
