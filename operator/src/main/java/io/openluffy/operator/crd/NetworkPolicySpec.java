package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** NetworkPolicies isolating the instance namespace. */
public class NetworkPolicySpec {

  @Default("true")
  @JsonPropertyDescription("Whether the operator creates NetworkPolicies in the instance namespace.")
  private Boolean enabled;

  @JsonPropertyDescription("standard: default-deny ingress, egress unrestricted; strict: also default-deny egress,"
      + " each pod may reach only DNS, PostgreSQL and (the API server) apiEgressCidrs on 443 and apiEgress. Default:"
      + " strict for environment prod, standard otherwise.")
  private NetworkPolicyProfile profile;

  @JsonPropertyDescription("Namespaces of the ingress controller allowed to reach the API server; {} allows all namespaces.")
  private LabelSelector ingressNamespaceSelector;

  @Size(max = 50)
  @JsonPropertyDescription("Sources besides ingressNamespaceSelector allowed to reach the API server on 8080 (both"
      + " profiles): cloud load balancers (GKE: 35.191.0.0/16, 130.211.0.0/22) and hostNetwork ingress controllers,"
      + " whose traffic comes from the nodes' addresses (list the node CIDR).")
  private List<String> ingressCidrs;

  @Size(max = 50)
  @JsonPropertyDescription("Strict profile: CIDRs the API server may reach on port 443 (GitHub, Argo CD).")
  private List<String> apiEgressCidrs;

  @Size(max = 20)
  @JsonPropertyDescription("Strict profile: further destinations and ports of the API server, by selector or CIDR,"
      + " e.g. an in-cluster Argo CD: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: argocd}},"
      + " podSelector: {matchLabels: {app.kubernetes.io/name: argocd-server}}, ports: [8080]}.")
  private List<ApiEgressSpec> apiEgress;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public NetworkPolicyProfile getProfile() {
    return profile;
  }

  public void setProfile(NetworkPolicyProfile profile) {
    this.profile = profile;
  }

  public LabelSelector getIngressNamespaceSelector() {
    return ingressNamespaceSelector;
  }

  public void setIngressNamespaceSelector(LabelSelector ingressNamespaceSelector) {
    this.ingressNamespaceSelector = ingressNamespaceSelector;
  }

  public List<String> getIngressCidrs() {
    return ingressCidrs;
  }

  public void setIngressCidrs(List<String> ingressCidrs) {
    this.ingressCidrs = ingressCidrs;
  }

  public List<ApiEgressSpec> getApiEgress() {
    return apiEgress;
  }

  public void setApiEgress(List<ApiEgressSpec> apiEgress) {
    this.apiEgress = apiEgress;
  }

  public List<String> getApiEgressCidrs() {
    return apiEgressCidrs;
  }

  public void setApiEgressCidrs(List<String> apiEgressCidrs) {
    this.apiEgressCidrs = apiEgressCidrs;
  }

  public List<String> ingressCidrs() {
    return ingressCidrs != null ? ingressCidrs : List.of();
  }

  public List<String> apiEgressCidrs() {
    return apiEgressCidrs != null ? apiEgressCidrs : List.of();
  }

  public List<ApiEgressSpec> apiEgress() {
    return apiEgress != null ? apiEgress : List.of();
  }
}
