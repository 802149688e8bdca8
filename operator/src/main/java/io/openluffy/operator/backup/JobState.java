package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a Job is, as the Job controller says: finished once condition Complete or Failed is True. The time of a
 * finish is the completion time, or the condition's transition time for a failure.
 */
public record JobState(Job job, boolean finished, boolean succeeded, Instant start, Instant end, String reason,
    String message) {

  public static JobState of(Job job) {
    Instant start = Optional.ofNullable(job.getStatus()).map(s -> s.getStartTime()).map(Instant::parse).orElse(null);
    if (job.getStatus() != null && job.getStatus().getConditions() != null) {
      for (JobCondition condition : job.getStatus().getConditions()) {
        if (!"True".equals(condition.getStatus())) {
          continue;
        }
        if ("Complete".equals(condition.getType())) {
          return new JobState(job, true, true, start, end(job.getStatus().getCompletionTime(), condition, job), null,
              null);
        }
        if ("Failed".equals(condition.getType())) {
          return new JobState(job, true, false, start, end(null, condition, job), condition.getReason(),
              condition.getMessage());
        }
      }
    }
    return new JobState(job, false, false, start, null, null, null);
  }

  public String name() {
    return job.getMetadata().getName();
  }

  /** " (reason: message)" of a failure, or "". */
  public String cause() {
    return reason == null ? "" : " (" + reason + (message == null ? "" : ": " + message) + ")";
  }

  private static Instant end(String completionTime, JobCondition condition, Job job) {
    String time = completionTime != null ? completionTime
        : condition.getLastTransitionTime() != null ? condition.getLastTransitionTime()
        : job.getMetadata().getCreationTimestamp();
    return Instant.parse(time);
  }
}
