package io.openluffy.operator.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/**
 * The dump a backup Job wrote, as backup.sh reports it (restore.sh reports the dump it restored in the same shape, the
 * checksum only when the dump has one): one JSON line in its container's termination message
 * ({@code terminationMessagePath}), which the kubelet copies into the pod's status. A Job's own status cannot carry
 * it; the pod's is the one channel from a finished container back to the operator that needs no API access in the pod.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupReport(String dump, long sizeBytes, long seconds, String sha256) {

  /** The report in a termination message; empty for anything else (a failure's log lines, an older script). */
  public static Optional<BackupReport> parse(String message) {
    return Terminations.parse(message, BackupReport.class).filter(r -> r.dump() != null);
  }

  /** The report of {@code job}'s pod whose {@code container} exited 0, if any of {@code pods} is one. */
  public static Optional<BackupReport> of(Job job, Collection<Pod> pods, String container) {
    return Terminations.report(job, pods, container, BackupReport::parse);
  }
}
