package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The OpenLuffy API server Deployment. */
public class ApiServerSpec {

  public static final String DEFAULT_IMAGE = "openluffy/api-server";
  public static final int DEFAULT_REPLICAS = 1;

  @Default(DEFAULT_IMAGE)
  @JsonPropertyDescription("Image repository of the API server; the tag is spec.version.")
  private String image;

  @Min(1)
  @Max(10)
  @Default("" + DEFAULT_REPLICAS)
  @JsonPropertyDescription("Number of API server pods.")
  private Integer replicas;

  @JsonPropertyDescription("Compute resources of the API server container (core/v1 ResourceRequirements).")
  private ResourceRequirements resources;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String image() {
    return image != null ? image : DEFAULT_IMAGE;
  }

  public int replicas() {
    return replicas != null ? replicas : DEFAULT_REPLICAS;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
