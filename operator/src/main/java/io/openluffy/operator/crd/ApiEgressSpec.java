package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** One more destination of the API server's egress under the strict profile: pods by selector, or CIDRs. */
@ValidationRule(value = "has(self.cidrs) != (has(self.namespaceSelector) || has(self.podSelector))",
    message = "spec.networkPolicy.apiEgress: each entry names either cidrs or namespaceSelector/podSelector, not both"
        + " and not neither")
public class ApiEgressSpec {

  @JsonPropertyDescription("Namespaces of the destination pods, e.g. {matchLabels: {kubernetes.io/metadata.name:"
      + " argocd}}; {} is every namespace. Without it podSelector means pods of the instance namespace.")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Destination pods, e.g. {matchLabels: {app.kubernetes.io/name: argocd-server}}; unset:"
      + " every pod of the selected namespaces.")
  private LabelSelector podSelector;

  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Destination CIDRs (ipBlock), instead of selectors.")
  private List<String> cidrs;

  @Required
  @Size(min = 1, max = 20)
  @ValidationRule(value = "self.all(p, p >= 1 && p <= 65535)",
      message = "spec.networkPolicy.apiEgress[].ports: a port is a number from 1 to 65535")
  @JsonPropertyDescription("TCP ports at the destination. For pods behind a Service this is the pod's port (the"
      + " Service's targetPort, e.g. 8080 for Argo CD's server behind its port 443): NetworkPolicy sees the traffic"
      + " after the Service's address translation.")
  private List<Integer> ports;

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }

  public List<String> getCidrs() {
    return cidrs;
  }

  public void setCidrs(List<String> cidrs) {
    this.cidrs = cidrs;
  }

  public List<Integer> getPorts() {
    return ports;
  }

  public void setPorts(List<Integer> ports) {
    this.ports = ports;
  }

  public List<String> cidrs() {
    return cidrs != null ? cidrs : List.of();
  }

  public List<Integer> ports() {
    return ports != null ? ports : List.of();
  }
}
