package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS termination at the ingress controller, with a certificate from a Secret in the instance namespace. */
@ValidationRule(value = "!has(self.secretName) || !has(self.enabled) || self.enabled",
    message = "spec.ingress.tls.secretName is set but spec.ingress.tls.enabled is false: remove one of them")
public class IngressTlsSpec {

  @Default("true")
  @JsonPropertyDescription("Whether the Ingress terminates TLS; status.endpoint is https only when it does. false"
      + " leaves TLS to something in front of the controller, and the endpoint is http.")
  private Boolean enabled;

  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  @JsonPropertyDescription("Secret (type kubernetes.io/tls, in the instance namespace) holding the certificate;"
      + " default <namespace prefix>-tls. With a cert-manager annotation cert-manager writes it.")
  private String secretName;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public boolean enabled() {
    return !Boolean.FALSE.equals(enabled);
  }
}
