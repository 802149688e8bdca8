package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A one-off run on the backup volume and its dump: the one an OpenLuffyBackup wrote, or an OpenLuffyRestore restored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DumpRunStatus extends RunStatus {

  @JsonPropertyDescription("File name of the dump on the backup volume, as the Job's pod reported it: for a backup, the"
      + " verified dump it wrote (for OpenLuffyRestore spec.dump); for a restore, the dump it restored (with spec.dump"
      + " latest, the newest dump at the time).")
  private String dump;

  @JsonPropertyDescription("Size of the dump in bytes.")
  private Long sizeBytes;

  public String getDump() {
    return dump;
  }

  public void setDump(String dump) {
    this.dump = dump;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && o instanceof DumpRunStatus other && Objects.equals(dump, other.dump)
        && Objects.equals(sizeBytes, other.sizeBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), dump, sizeBytes);
  }
}
