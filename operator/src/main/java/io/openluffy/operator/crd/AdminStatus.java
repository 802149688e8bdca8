package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The first admin as created by the bootstrap step (never the password). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdminStatus {

  @JsonPropertyDescription("Email of the bootstrapped admin.")
  private String email;

  @JsonPropertyDescription("When the admin was created (RFC 3339).")
  private String bootstrappedAt;

  @JsonPropertyDescription("resourceVersion of the admin Secret that was used.")
  private String secretResourceVersion;

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getBootstrappedAt() {
    return bootstrappedAt;
  }

  public void setBootstrappedAt(String bootstrappedAt) {
    this.bootstrappedAt = bootstrappedAt;
  }

  public String getSecretResourceVersion() {
    return secretResourceVersion;
  }

  public void setSecretResourceVersion(String secretResourceVersion) {
    this.secretResourceVersion = secretResourceVersion;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdminStatus other && Objects.equals(email, other.email)
        && Objects.equals(bootstrappedAt, other.bootstrappedAt)
        && Objects.equals(secretResourceVersion, other.secretResourceVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(email, bootstrappedAt, secretResourceVersion);
  }
}
