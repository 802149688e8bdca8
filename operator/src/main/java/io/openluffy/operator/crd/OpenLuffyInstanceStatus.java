package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Observed state of an instance, written only by the operator's status builder. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpenLuffyInstanceStatus {

  @JsonPropertyDescription("metadata.generation the status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Provisioning, Bootstrapping, Ready, Degraded, Failed or Restoring (an OpenLuffyRestore runs, the API server is scaled to zero).")
  private Phase phase;

  @JsonPropertyDescription("Namespace the instance lives in.")
  private String namespace;

  @JsonPropertyDescription("URL of the API server: https://<spec.host> or the in-cluster Service URL.")
  private String endpoint;

  @JsonPropertyDescription("The bootstrapped first admin.")
  private AdminStatus admin;

  @JsonPropertyDescription("The newest finished backup Job (also condition LastBackupSucceeded).")
  private BackupStatus lastBackup;

  @JsonPropertyDescription("The newest finished verification Job of spec.backup.verify (also condition"
      + " BackupVerified).")
  private VerificationStatus lastVerification;

  @JsonPropertyDescription("The running database: its PostgreSQL major version.")
  private DatabaseStatus database;

  @JsonPropertyDescription("Conditions: Ready, DatabaseReady, ApiServerReady, BackupScheduled, AdminBootstrapped (first"
      + " admin created from spec.bootstrap.adminSecretRef), AdminSecretDrift (informational: the admin Secret changed"
      + " after bootstrap), LastBackupSucceeded (informational: result of the newest finished backup Job), BackupVerified (informational,"
      + " with spec.backup.verify: the newest verification restored its dump and read every row back).")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public AdminStatus getAdmin() {
    return admin;
  }

  public void setAdmin(AdminStatus admin) {
    this.admin = admin;
  }

  public DatabaseStatus getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseStatus database) {
    this.database = database;
  }

  public BackupStatus getLastBackup() {
    return lastBackup;
  }

  public void setLastBackup(BackupStatus lastBackup) {
    this.lastBackup = lastBackup;
  }

  public VerificationStatus getLastVerification() {
    return lastVerification;
  }

  public void setLastVerification(VerificationStatus lastVerification) {
    this.lastVerification = lastVerification;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Optional<Condition> condition(String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public boolean isTrue(String type) {
    return condition(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpenLuffyInstanceStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && phase == other.phase
        && Objects.equals(namespace, other.namespace)
        && Objects.equals(endpoint, other.endpoint)
        && Objects.equals(admin, other.admin)
        && Objects.equals(lastBackup, other.lastBackup)
        && Objects.equals(lastVerification, other.lastVerification)
        && Objects.equals(database, other.database)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, phase, namespace, endpoint, admin, lastBackup, lastVerification, database,
        conditions);
  }
}
