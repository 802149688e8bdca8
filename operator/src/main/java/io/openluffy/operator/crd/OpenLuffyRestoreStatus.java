package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A restore's run, and the dump it restored (what {@code latest} was, when it asked for that). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpenLuffyRestoreStatus extends RunStatus {

  @JsonPropertyDescription("File name of the dump that was restored, as the restore Job's pod reported it: spec.dump,"
      + " or the newest dump when spec.dump is latest.")
  private String dump;

  @JsonPropertyDescription("Size of that dump in bytes.")
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
    return super.equals(o) && o instanceof OpenLuffyRestoreStatus other && Objects.equals(dump, other.dump)
        && Objects.equals(sizeBytes, other.sizeBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), dump, sizeBytes);
  }
}
