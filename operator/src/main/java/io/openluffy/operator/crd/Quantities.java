package io.openluffy.operator.crd;

/** Schema pattern for storage sizes: a positive Kubernetes quantity (the apimachinery grammar, sign excluded). */
final class Quantities {
  static final String PATTERN =
      "^(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  private Quantities() {
  }
}
