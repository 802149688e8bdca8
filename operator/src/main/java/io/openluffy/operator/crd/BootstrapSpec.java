package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the first admin user is created. */
public class BootstrapSpec {

  @JsonPropertyDescription("Secret with the first admin's credentials; the operator posts them once to the bootstrap endpoint.")
  private AdminSecretRef adminSecretRef;

  public AdminSecretRef getAdminSecretRef() {
    return adminSecretRef;
  }

  public void setAdminSecretRef(AdminSecretRef adminSecretRef) {
    this.adminSecretRef = adminSecretRef;
  }
}
