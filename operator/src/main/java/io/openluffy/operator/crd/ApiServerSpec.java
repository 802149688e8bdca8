package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The OpenLuffy API server Deployment. */
public class ApiServerSpec {

  @Default("openluffy/api-server")
  @JsonPropertyDescription("Image repository of the API server; the tag is spec.version.")
  private String image = "openluffy/api-server";

  @Min(1)
  @Max(10)
  @Default("1")
  @JsonPropertyDescription("Number of API server pods.")
  private Integer replicas = 1;

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

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
