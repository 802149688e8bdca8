package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The instance's own PostgreSQL StatefulSet. */
public class DatabaseSpec {

  public static final String DEFAULT_IMAGE = "postgres:16";
  public static final String DEFAULT_STORAGE = "10Gi";

  @Default(DEFAULT_IMAGE)
  @JsonPropertyDescription("PostgreSQL image (official postgres image layout).")
  private String image;

  @Default(DEFAULT_STORAGE)
  @Pattern(Quantities.PATTERN)
  @ValidationRule(value = Quantities.NO_SHRINK,
      message = "spec.database.storage cannot shrink: the data volume only grows (set it back to at least its current size)")
  @JsonPropertyDescription("Size of the data volume, a Kubernetes quantity such as 10Gi. It may grow (the claim is expanded when its StorageClass allows it), never shrink.")
  private String storage;

  @JsonPropertyDescription("StorageClass of the data volume; the cluster default when unset.")
  private String storageClassName;

  @JsonPropertyDescription("Compute resources of the PostgreSQL container (core/v1 ResourceRequirements).")
  private ResourceRequirements resources;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getStorage() {
    return storage;
  }

  public void setStorage(String storage) {
    this.storage = storage;
  }

  public String image() {
    return image != null ? image : DEFAULT_IMAGE;
  }

  public String storage() {
    return storage != null ? storage : DEFAULT_STORAGE;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
