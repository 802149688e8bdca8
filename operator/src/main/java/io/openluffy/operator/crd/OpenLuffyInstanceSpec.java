package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of one OpenLuffy instance. */
@ValidationRule(value = "!has(oldSelf.namespace) || (has(self.namespace) && self.namespace == oldSelf.namespace)",
    message = "spec.namespace is immutable once set", reason = "FieldValueForbidden")
public class OpenLuffyInstanceSpec {

  @JsonPropertyDescription("Free environment label (dev, preprod, prod...); prod defaults to the strict network policy profile.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  @Default("dev")
  private String environment = "dev";

  @JsonPropertyDescription("Namespace of the instance (created by the operator); default openluffy-<name>. Immutable once set.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String namespace;

  @JsonPropertyDescription("Ingress host of the API server; when set an Ingress is created and status.endpoint is https://<host>.")
  @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 253)
  private String host;

  @JsonPropertyDescription("OpenLuffy version: the API server image tag.")
  @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
  @Default("0.1.0")
  private String version = "0.1.0";

  @JsonPropertyDescription("The API server Deployment.")
  private ApiServerSpec apiServer = new ApiServerSpec();

  @JsonPropertyDescription("The instance's PostgreSQL.")
  private DatabaseSpec database = new DatabaseSpec();

  @JsonPropertyDescription("Scheduled database backups.")
  private BackupSpec backup = new BackupSpec();

  @JsonPropertyDescription("NetworkPolicies of the instance namespace.")
  private NetworkPolicySpec networkPolicy = new NetworkPolicySpec();

  @JsonPropertyDescription("Creation of the first admin user.")
  private BootstrapSpec bootstrap;

  @JsonPropertyDescription("Retain (default): deleting the resource keeps the namespace, its PVCs and Secrets. Delete: everything goes.")
  @Default("Retain")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public ApiServerSpec getApiServer() {
    return apiServer;
  }

  public void setApiServer(ApiServerSpec apiServer) {
    this.apiServer = apiServer;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }

  public BackupSpec getBackup() {
    return backup;
  }

  public void setBackup(BackupSpec backup) {
    this.backup = backup;
  }

  public NetworkPolicySpec getNetworkPolicy() {
    return networkPolicy;
  }

  public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
    this.networkPolicy = networkPolicy;
  }

  public BootstrapSpec getBootstrap() {
    return bootstrap;
  }

  public void setBootstrap(BootstrapSpec bootstrap) {
    this.bootstrap = bootstrap;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  // Null-safe views: a section written as null in YAML means "defaults".

  public ApiServerSpec apiServer() {
    return apiServer != null ? apiServer : new ApiServerSpec();
  }

  public DatabaseSpec database() {
    return database != null ? database : new DatabaseSpec();
  }

  public BackupSpec backup() {
    return backup != null ? backup : new BackupSpec();
  }

  public NetworkPolicySpec networkPolicy() {
    return networkPolicy != null ? networkPolicy : new NetworkPolicySpec();
  }

  public String version() {
    return version != null ? version : "0.1.0";
  }

  public boolean backupEnabled() {
    return !Boolean.FALSE.equals(backup().getEnabled());
  }

  public boolean networkPolicyEnabled() {
    return !Boolean.FALSE.equals(networkPolicy().getEnabled());
  }

  public boolean hasHost() {
    return host != null && !host.isBlank();
  }

  /** The profile in force: the explicit one, else strict for prod and standard otherwise. */
  public NetworkPolicyProfile effectiveNetworkPolicyProfile() {
    NetworkPolicyProfile profile = networkPolicy().getProfile();
    if (profile != null) {
      return profile;
    }
    return "prod".equals(environment) ? NetworkPolicyProfile.STRICT : NetworkPolicyProfile.STANDARD;
  }

  public DeletionPolicy deletionPolicy() {
    return deletionPolicy != null ? deletionPolicy : DeletionPolicy.Retain;
  }
}
