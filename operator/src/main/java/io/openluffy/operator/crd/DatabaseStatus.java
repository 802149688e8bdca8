package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator knows of the running database. */
public class DatabaseStatus {

  @JsonPropertyDescription("PostgreSQL major version of the data directory, recorded from the image it first ran"
      + " ready with. An image of another major is not rolled out (condition DatabaseUpgradeBlocked).")
  private Integer majorVersion;

  public Integer getMajorVersion() {
    return majorVersion;
  }

  public void setMajorVersion(Integer majorVersion) {
    this.majorVersion = majorVersion;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatabaseStatus other && Objects.equals(majorVersion, other.majorVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(majorVersion);
  }
}
