package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an OpenLuffyRestore takes its dump from. */
public enum RestoreSource {
  /** The instance's backup volume. */
  @JsonProperty("volume")
  VOLUME,
  /** The instance's spec.backup.objectStore, downloaded into the restore pod first. */
  @JsonProperty("objectStore")
  OBJECT_STORE
}
