package io.openluffy.operator.crd;

/** Coarse lifecycle summary shown by {@code kubectl get oli}; the conditions carry the detail. */
public enum Phase {
  Pending, Provisioning, Bootstrapping, Ready, Degraded, Failed,
  /** An OpenLuffyRestore is running: the API server is scaled to zero. */
  Restoring
}
