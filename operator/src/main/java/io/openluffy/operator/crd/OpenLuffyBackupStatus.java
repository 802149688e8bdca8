package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** An on-demand backup's run, and the dump it wrote. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpenLuffyBackupStatus extends RunStatus {

  @JsonPropertyDescription("File name of the verified dump on the backup volume (for OpenLuffyRestore spec.dump).")
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
    return super.equals(o) && o instanceof OpenLuffyBackupStatus other && Objects.equals(dump, other.dump)
        && Objects.equals(sizeBytes, other.sizeBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), dump, sizeBytes);
  }
}
