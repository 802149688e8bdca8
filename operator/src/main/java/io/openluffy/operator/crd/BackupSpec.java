package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Optional;

/** Scheduled pg_dump backups to a PersistentVolumeClaim in the instance namespace. */
public class BackupSpec {

  public static final String DEFAULT_SCHEDULE = "0 2 * * *";
  public static final int DEFAULT_RETENTION = 7;
  public static final String DEFAULT_STORAGE = "20Gi";
  public static final long DEFAULT_DEADLINE_SECONDS = 3600;
  /** Five cron fields or a macro, as the CronJob controller reads them. */
  static final String CRON = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|([0-9*,/?LW#-]+|[A-Za-z]{3}(-[A-Za-z]{3})?)(\\s+([0-9*,/?LW#-]+|[A-Za-z]{3}(-[A-Za-z]{3})?)){4})$";

  @Default("true")
  @JsonPropertyDescription("Whether the backup CronJob and its volume exist.")
  private Boolean enabled;

  @Default(DEFAULT_SCHEDULE)
  @Pattern(CRON)
  @JsonPropertyDescription("Cron schedule (five fields, or @daily style macros) of the backup job.")
  private String schedule;

  @Pattern(CRON)
  @JsonPropertyDescription("Optional cron schedule (UTC) of the restore verification: the newest dump is restored into"
      + " a scratch database on the same server (which needs room for a second copy), its rows per table are compared"
      + " with the dump's, and the scratch database is dropped; see status.lastVerification and condition"
      + " BackupVerified. Unset: no verification.")
  private String verify;

  @Default("" + DEFAULT_RETENTION)
  @Min(1)
  @JsonPropertyDescription("Number of verified dumps kept. Before a dump the oldest beyond retention - 1 are pruned,"
      + " and more (never the newest) when the volume lacks room for the new one; after it, those beyond retention.")
  private Integer retention;

  @Default("" + DEFAULT_DEADLINE_SECONDS)
  @Min(60)
  @JsonPropertyDescription("Seconds a backup Job may run before Kubernetes stops it (activeDeadlineSeconds), so that a"
      + " hung run cannot block the next ones.")
  private Long deadlineSeconds;

  @JsonPropertyDescription("Compute resources of the backup, restore and verification containers (core/v1"
      + " ResourceRequirements). Completed with defaults: requests 100m CPU / 256Mi, memory limit 1Gi.")
  private ResourceRequirements resources;

  @Default(DEFAULT_STORAGE)
  @Pattern(Quantities.PATTERN)
  @ValidationRule(value = Quantities.NO_SHRINK,
      message = "spec.backup.storage cannot shrink: the backup volume only grows (set it back to at least its current size)")
  @JsonPropertyDescription("Size of the backup volume, a Kubernetes quantity such as 20Gi. It may grow (the claim is expanded when its StorageClass allows it), never shrink.")
  private String storage;

  @JsonPropertyDescription("Optional off-site copies: after each verified dump the backup Job uploads it with its"
      + " checksum to this S3-compatible bucket, keeping retention dumps there too; an OpenLuffyRestore with source"
      + " objectStore restores from it. Unset: the dumps stay on the backup volume only.")
  private ObjectStoreSpec objectStore;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getVerify() {
    return verify;
  }

  public void setVerify(String verify) {
    this.verify = verify;
  }

  /** The verification schedule, when one is set. */
  public Optional<String> verify() {
    return Optional.ofNullable(verify).filter(v -> !v.isBlank());
  }

  public Integer getRetention() {
    return retention;
  }

  public void setRetention(Integer retention) {
    this.retention = retention;
  }

  public Long getDeadlineSeconds() {
    return deadlineSeconds;
  }

  public void setDeadlineSeconds(Long deadlineSeconds) {
    this.deadlineSeconds = deadlineSeconds;
  }

  public long deadlineSeconds() {
    return deadlineSeconds == null ? DEFAULT_DEADLINE_SECONDS : deadlineSeconds;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public String getStorage() {
    return storage;
  }

  public void setStorage(String storage) {
    this.storage = storage;
  }

  public ObjectStoreSpec getObjectStore() {
    return objectStore;
  }

  public void setObjectStore(ObjectStoreSpec objectStore) {
    this.objectStore = objectStore;
  }

  /** The off-site store, when one is set. */
  public Optional<ObjectStoreSpec> objectStore() {
    return Optional.ofNullable(objectStore);
  }

  public String schedule() {
    return schedule != null ? schedule : DEFAULT_SCHEDULE;
  }

  public int retention() {
    return retention != null ? retention : DEFAULT_RETENTION;
  }

  public String storage() {
    return storage != null ? storage : DEFAULT_STORAGE;
  }
}
