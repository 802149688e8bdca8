package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The most recent finished verification Job: which dump it restored into a scratch database, and what read back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VerificationStatus {

  @JsonPropertyDescription("When the verification Job finished (RFC 3339).")
  private String time;

  @JsonPropertyDescription("Succeeded (the dump restored and every table's rows read back as in the dump) or Failed.")
  private String result;

  @JsonPropertyDescription("Name of the verification Job.")
  private String job;

  @JsonPropertyDescription("File name of the dump that was restored (as the Job's pod reported it; a failure names it"
      + " in condition BackupVerified).")
  private String dump;

  @JsonPropertyDescription("Number of tables with data in the dump, each with its rows read back.")
  private Long tables;

  @JsonPropertyDescription("Rows read back from the scratch database, all tables together.")
  private Long rows;

  @JsonPropertyDescription("When a verification Job last succeeded (RFC 3339), from which staleness (BackupVerified=False,"
      + " reason VerificationStale) is judged.")
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

  public String getDump() {
    return dump;
  }

  public void setDump(String dump) {
    this.dump = dump;
  }

  public Long getTables() {
    return tables;
  }

  public void setTables(Long tables) {
    this.tables = tables;
  }

  public Long getRows() {
    return rows;
  }

  public void setRows(Long rows) {
    this.rows = rows;
  }

  public String getLastSuccessTime() {
    return lastSuccessTime;
  }

  public void setLastSuccessTime(String lastSuccessTime) {
    this.lastSuccessTime = lastSuccessTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationStatus other && Objects.equals(time, other.time)
        && Objects.equals(result, other.result) && Objects.equals(job, other.job)
        && Objects.equals(dump, other.dump) && Objects.equals(tables, other.tables)
        && Objects.equals(rows, other.rows) && Objects.equals(lastSuccessTime, other.lastSuccessTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, result, job, dump, tables, rows, lastSuccessTime);
  }
}
