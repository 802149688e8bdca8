package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** How one container of a Job's pods ended, as the kubelet recorded it (exit code, termination message). */
final class Terminations {

  private Terminations() {
  }

  static Stream<ContainerStateTerminated> of(Job job, Collection<Pod> pods, String container) {
    String uid = job.getMetadata().getUid();
    return pods.stream()
        .filter(pod -> pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(uid, o.getUid())))
        .filter(pod -> pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null)
        .flatMap(pod -> pod.getStatus().getContainerStatuses().stream())
        .filter(status -> container.equals(status.getName()))
        .flatMap(status -> Optional.ofNullable(status.getState()).map(s -> s.getTerminated()).stream());
  }

  /**
   * Why a failed container stopped: the last line of its termination message, which under FallbackToLogsOnError is
   * the tail of its log (the scripts' one "... failed: ..." line); empty when no pod says.
   */
  static Optional<String> failure(Job job, Collection<Pod> pods, String container) {
    return of(job, pods, container)
        .filter(t -> t.getExitCode() != null && t.getExitCode() != 0 && t.getMessage() != null)
        .map(t -> t.getMessage().strip().lines().reduce((first, second) -> second).orElse(""))
        .filter(line -> !line.isBlank())
        .reduce((first, second) -> second);
  }
}
