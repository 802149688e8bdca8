package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** How the API server's Ingress meets the cluster's ingress controller (used with spec.host only). */
public class IngressSpec {

  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  @JsonPropertyDescription("IngressClass of the Ingress (spec.ingressClassName), e.g. nginx; the cluster's default"
      + " IngressClass when unset.")
  private String className;

  @JsonPropertyDescription("Annotations of the Ingress, e.g. cert-manager.io/cluster-issuer: letsencrypt to have"
      + " cert-manager issue the TLS Secret, or the controller's own settings.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("TLS of the Ingress. Unset: TLS on, with the Secret <namespace prefix>-tls.")
  private IngressTlsSpec tls;

  public String getClassName() {
    return className;
  }

  public void setClassName(String className) {
    this.className = className;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public IngressTlsSpec getTls() {
    return tls;
  }

  public void setTls(IngressTlsSpec tls) {
    this.tls = tls;
  }

  public Map<String, String> annotations() {
    return annotations != null ? annotations : Map.of();
  }

  public IngressTlsSpec tls() {
    return tls != null ? tls : new IngressTlsSpec();
  }
}
