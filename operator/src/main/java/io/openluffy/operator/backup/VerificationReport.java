package io.openluffy.operator.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/**
 * What a verification Job found, as verify.sh reports it in its container's termination message (the channel of
 * {@link BackupReport}): the dump it restored into a scratch database, and the tables and rows read back from it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerificationReport(String dump, long tables, long rows, long seconds) {

  /** The report in a termination message; empty for anything else (a failure's log lines). */
  public static Optional<VerificationReport> parse(String message) {
    return Terminations.parse(message, VerificationReport.class).filter(r -> r.dump() != null);
  }

  /** The report of {@code job}'s pod whose {@code container} exited 0, if any of {@code pods} is one. */
  public static Optional<VerificationReport> of(Job job, Collection<Pod> pods, String container) {
    return Terminations.report(job, pods, container, VerificationReport::parse);
  }

  /** Why {@code job}'s verification failed: the script's "verify failed: ..." line, when a pod says. */
  public static Optional<String> failure(Job job, Collection<Pod> pods, String container) {
    return Terminations.failure(job, pods, container);
  }
}
