package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The most recent finished backup Job, and when a backup last succeeded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupStatus {

  @JsonPropertyDescription("When the backup Job finished (RFC 3339).")
  private String time;

  @JsonPropertyDescription("Succeeded or Failed.")
  private String result;

  @JsonPropertyDescription("Name of the backup Job.")
  private String job;

  @JsonPropertyDescription("Seconds from the Job's start to its end.")
  private Long durationSeconds;

  @JsonPropertyDescription("File name of the dump a successful Job wrote, on the backup volume (as its pod reported"
      + " it).")
  private String dump;

  @JsonPropertyDescription("Size of that dump in bytes.")
  private Long sizeBytes;

  @JsonPropertyDescription("When a backup Job last succeeded (RFC 3339): the age of the newest verified dump, from"
      + " which staleness (LastBackupSucceeded=False, reason BackupStale) is judged.")
  private String lastSuccessTime;

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }

  public String getJob() {
    return job;
  }

  public void setJob(String job) {
    this.job = job;
  }

  public Long getDurationSeconds() {
    return durationSeconds;
  }

  public void setDurationSeconds(Long durationSeconds) {
    this.durationSeconds = durationSeconds;
  }

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

  public String getLastSuccessTime() {
    return lastSuccessTime;
  }

  public void setLastSuccessTime(String lastSuccessTime) {
    this.lastSuccessTime = lastSuccessTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackupStatus other && Objects.equals(time, other.time)
        && Objects.equals(result, other.result) && Objects.equals(job, other.job)
        && Objects.equals(durationSeconds, other.durationSeconds) && Objects.equals(dump, other.dump)
        && Objects.equals(sizeBytes, other.sizeBytes)
        && Objects.equals(lastSuccessTime, other.lastSuccessTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, result, job, durationSeconds, dump, sizeBytes, lastSuccessTime);
  }
}
