package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The instance to restore and the dump to restore it from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreSpec extends RunSpec {

  @Required
  @Pattern("^(latest|openluffy-[A-Za-z0-9.-]+\\.dump)$")
  @JsonPropertyDescription("A dump's file name on the backup volume (as in OpenLuffyBackup status.dump or"
      + " status.lastBackup.dump of the instance), or latest: the newest verified dump.")
  private String dump;

  @Default("volume")
  @JsonPropertyDescription("Where the dump is: volume (the backup volume) or objectStore (the instance's"
      + " spec.backup.objectStore: the dump and its checksum are downloaded into the restore pod, then restored the"
      + " same way; latest is the newest dump whose checksum is in the store).")
  private RestoreSource source;

  public String getDump() {
    return dump;
  }

  public void setDump(String dump) {
    this.dump = dump;
  }

  public RestoreSource getSource() {
    return source;
  }

  public void setSource(RestoreSource source) {
    this.source = source;
  }

  public RestoreSource source() {
    return source != null ? source : RestoreSource.VOLUME;
  }
}
