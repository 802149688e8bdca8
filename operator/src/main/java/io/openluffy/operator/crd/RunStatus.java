package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the status of a one-off run shows: its phase, its Job, when it ran, and a message saying what happened. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunStatus {

  @JsonPropertyDescription("Pending, Running, Succeeded or Failed (final: the run is never repeated).")
  private RunPhase phase;

  @JsonPropertyDescription("Name of the Job that runs it, in the same namespace.")
  private String job;

  @JsonPropertyDescription("When the Job started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When it finished (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("What happened, or what it waits for; on failure, why and where to look.")
  private String message;

  public RunPhase getPhase() {
    return phase;
  }

  public void setPhase(RunPhase phase) {
    this.phase = phase;
  }

  public String getJob() {
    return job;
  }

  public void setJob(String job) {
    this.job = job;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  /** Final once Succeeded or Failed. */
  @JsonIgnore
  public boolean isFinal() {
    return phase != null && phase.isFinal();
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && o instanceof RunStatus other && phase == other.phase
        && Objects.equals(job, other.job) && Objects.equals(startTime, other.startTime)
        && Objects.equals(completionTime, other.completionTime) && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, job, startTime, completionTime, message);
  }
}
