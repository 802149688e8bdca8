package io.openluffy.operator.dependent;

/** Value of the {@code app.kubernetes.io/component} label. */
public enum Component {
  API("api"), POSTGRES("postgres"), BACKUP("backup"),
  /** An OpenLuffyRestore's Job (its pod is a backup pod: the same volume, network policy and database access). */
  RESTORE("restore"),
  /** A verification Job (spec.backup.verify); its pod is a backup pod too. */
  VERIFY("verify");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
