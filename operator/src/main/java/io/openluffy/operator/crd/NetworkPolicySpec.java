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

  @JsonPropertyDescription("standard: default-deny ingress; strict: also default-deny egress, API egress only to apiEgressCidrs. Default: strict for environment prod, standard otherwise.")
  private NetworkPolicyProfile profile;

  @JsonPropertyDescription("Namespaces of the ingress controller allowed to reach the API server; {} allows all namespaces.")
  private LabelSelector ingressNamespaceSelector;

  @Size(max = 50)
  @JsonPropertyDescription("Strict profile: CIDRs the API server may reach on port 443 (GitHub, Argo CD).")
  private List<String> apiEgressCidrs;

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

  public List<String> getApiEgressCidrs() {
    return apiEgressCidrs;
  }

  public void setApiEgressCidrs(List<String> apiEgressCidrs) {
    this.apiEgressCidrs = apiEgressCidrs;
  }
}
