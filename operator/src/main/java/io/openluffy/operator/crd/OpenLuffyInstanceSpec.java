package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of one OpenLuffy instance. */
@ValidationRule(value = "!has(self.ingress) || has(self.host)",
    message = "spec.ingress needs spec.host: the Ingress is made for that host")
public class OpenLuffyInstanceSpec {

  public static final String DEFAULT_ENVIRONMENT = "dev";
  public static final String DEFAULT_VERSION = "0.1.0";

  @JsonPropertyDescription("Free environment label (dev, preprod, prod...); prod defaults to the strict network policy profile.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  @Default(DEFAULT_ENVIRONMENT)
  private String environment;

  @JsonPropertyDescription("Namespace of the instance (created by the operator); default openluffy-<name>. Immutable: it can only be written as the namespace in use.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String namespace;

  @JsonPropertyDescription("Ingress host of the API server; when set an Ingress is created and status.endpoint is https://<host>, or http://<host> when spec.ingress.tls.enabled is false.")
  @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 253)
  private String host;

  @JsonPropertyDescription("Ingress class, annotations and TLS of the Ingress made for spec.host.")
  private IngressSpec ingress;

  @JsonPropertyDescription("OpenLuffy version: the API server image tag.")
  @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
  @Default(DEFAULT_VERSION)
  private String version;

  @JsonPropertyDescription("The API server Deployment.")
  private ApiServerSpec apiServer;

  @JsonPropertyDescription("The instance's PostgreSQL.")
  private DatabaseSpec database;

  @JsonPropertyDescription("Scheduled database backups.")
  private BackupSpec backup;

  @JsonPropertyDescription("NetworkPolicies of the instance namespace.")
  private NetworkPolicySpec networkPolicy;

  @JsonPropertyDescription("Creation of the first admin user.")
  private BootstrapSpec bootstrap;

  @JsonPropertyDescription("Retain (default): deleting the resource keeps the namespace, its PVCs and Secrets. Delete: everything goes.")
  @Default("Retain")
  private DeletionPolicy deletionPolicy;

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

  public IngressSpec getIngress() {
    return ingress;
  }

  public void setIngress(IngressSpec ingress) {
    this.ingress = ingress;
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

  // Null-safe views. No field has an initialiser: JOSDK adds its finalizer by server-side applying a new, empty
  // instance, and every field that object carried would be applied over the user's spec by the operator's field
  // manager. Defaults live in the CRD (@Default, applied by the API server) and here, for specs read without it.

  public ApiServerSpec apiServer() {
    return apiServer != null ? apiServer : new ApiServerSpec();
  }

  public DatabaseSpec database() {
    return database != null ? database : new DatabaseSpec();
  }

  public BackupSpec backup() {
    return backup != null ? backup : new BackupSpec();
  }

  public IngressSpec ingress() {
    return ingress != null ? ingress : new IngressSpec();
  }

  public NetworkPolicySpec networkPolicy() {
    return networkPolicy != null ? networkPolicy : new NetworkPolicySpec();
  }

  public String version() {
    return version != null ? version : DEFAULT_VERSION;
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
    return "prod".equals(environment()) ? NetworkPolicyProfile.STRICT : NetworkPolicyProfile.STANDARD;
  }

  public String environment() {
    return environment != null ? environment : DEFAULT_ENVIRONMENT;
  }

  public DeletionPolicy deletionPolicy() {
    return deletionPolicy != null ? deletionPolicy : DeletionPolicy.Retain;
  }
}
