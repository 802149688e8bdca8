package io.openluffy.operator.crd;

/** What deleting the resource does to the instance's data. */
public enum DeletionPolicy {
  /** Keep the namespace, its PersistentVolumeClaims and Secrets; a new instance of the same name adopts them. */
  Retain,
  /** Delete the namespace and everything in it. */
  Delete
}
