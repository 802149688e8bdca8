package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.openluffy.operator.backup.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When the runs of a CronJob (backups, verifications) have stopped succeeding without any failure to show: a Job still
 * running past its deadline, or two scheduled runs passed since the last success. Nothing happens in the cluster when
 * that moment comes, so until it comes a reconcile is asked for just after it ({@link StatusBuilder#retryAfter}).
 */
final class Staleness {

  /** A check scheduled for the instant a run turns stale lands just after it. */
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private Staleness() {
  }

  /** The Jobs still running past their activeDeadlineSeconds: the Job controller should have stopped them. */
  static List<Job> overdue(List<Job> jobs, Instant now, StatusBuilder status) {
    List<Job> overdue = new ArrayList<>();
    for (Job job : jobs) {
      if (JobState.of(job).finished() || job.getStatus() == null || job.getStatus().getStartTime() == null
          || job.getSpec().getActiveDeadlineSeconds() == null) {
        continue;
      }
      Instant deadline = started(job).plusSeconds(job.getSpec().getActiveDeadlineSeconds());
      if (now.isBefore(deadline)) {
        status.retryAfter(Duration.between(now, deadline).plus(MARGIN));
      } else {
        overdue.add(job);
      }
    }
    return overdue;
  }

  static Instant started(Job job) {
    return Instant.parse(job.getStatus().getStartTime());
  }

  /**
   * Whether two runs of {@code schedule} have come since {@code since} (the last success, or when the CronJob was
   * made); empty when the schedule cannot be read, so that staleness goes unjudged rather than wrongly reported.
   */
  static Optional<Boolean> twoRunsPassed(String schedule, Instant since, Instant now, StatusBuilder status) {
    Optional<Instant> staleAt = CronSchedule.parse(schedule).flatMap(cron -> cron.next(since).flatMap(cron::next));
    staleAt.filter(now::isBefore).ifPresent(t -> status.retryAfter(Duration.between(now, t).plus(MARGIN)));
    return staleAt.map(t -> !now.isBefore(t));
  }

  /** The newest success: of the Jobs still there, or as recorded in the status (their Jobs may be gone). */
  static Optional<Instant> lastSuccess(List<Job> jobs, Optional<Instant> recorded) {
    Optional<Instant> fromJobs = jobs.stream().map(JobState::of).filter(JobState::finished)
        .filter(JobState::succeeded).map(JobState::end).max(Comparator.naturalOrder());
    return Stream.concat(fromJobs.stream(), recorded.stream()).max(Comparator.naturalOrder());
  }
}
