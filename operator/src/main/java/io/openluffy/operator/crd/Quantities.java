package io.openluffy.operator.crd;

/** Schema pattern for storage sizes: a positive Kubernetes quantity (the apimachinery grammar, sign excluded). */
final class Quantities {
  static final String PATTERN =
      "^(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  /**
   * CEL transition rule (Kubernetes' quantity library): a volume's size may only grow, as a bound
   * PersistentVolumeClaim's may. Guarded with isQuantity so a malformed value gets the pattern's message alone.
   */
  static final String NO_SHRINK =
      "!isQuantity(self) || !isQuantity(oldSelf) || quantity(self).compareTo(quantity(oldSelf)) >= 0";

  private Quantities() {
  }
}
