package io.openluffy.operator.bootstrap;

import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Which Secrets an instance may take its first admin from. Whoever may create an instance also chooses its API
 * server image, so a Secret the operator reads for an instance is as good as handed to that person: it must live in
 * the instance's own namespace or the one admin namespace the operator's configuration names, and its owner must
 * have opted it in for this instance by the label {@value #LABEL}{@code =<instance name>}. The operator's reads keep
 * to the same rule (AdminSecretWatch), so a refused reference reveals nothing about the Secret it names.
 */
public record AdminSecretPolicy(String adminNamespace) {

  public static final String LABEL = "openluffy.io/admin-secret-for";

  public boolean allows(OpenLuffyInstance instance, AdminSecretLocation location) {
    return location.namespace().equals(instance.targetNamespace()) || location.namespace().equals(adminNamespace);
  }

  /** The label selector a Secret must match to be read for this instance. */
  public static String selector(OpenLuffyInstance instance) {
    return LABEL + "=" + instance.getMetadata().getName();
  }

  public String allowedMessage(OpenLuffyInstance instance, AdminSecretLocation location) {
    return "spec.bootstrap.adminSecretRef " + location + " is not allowed: the admin Secret must be in the"
        + " instance's namespace " + instance.targetNamespace() + " or in " + adminNamespace + " (the operator's"
        + " admin Secret namespace), labelled " + selector(instance) + ". Move the Secret there, label it, and"
        + " point adminSecretRef at it";
  }
}
