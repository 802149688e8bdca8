package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The Secret, in the instance namespace, holding the object store's access key: the pods read it by secretKeyRef
 * (a Secret of another namespace cannot be), so the operator itself never reads it.
 */
public class CredentialsSecretRef {

  /** Key of the access key id in the Secret. */
  public static final String ACCESS_KEY_ID = "access-key-id";
  /** Key of the secret access key in the Secret. */
  public static final String SECRET_ACCESS_KEY = "secret-access-key";

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @Size(max = 253)
  @JsonPropertyDescription("Name of a Secret in the instance namespace with the keys access-key-id and"
      + " secret-access-key.")
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
