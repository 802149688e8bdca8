package io.openluffy.operator.crd;

/** Where a one-off run (an on-demand backup, a restore) is; Succeeded and Failed are final. */
public enum RunPhase {
  Pending, Running, Succeeded, Failed;

  public boolean isFinal() {
    return this == Succeeded || this == Failed;
  }
}
