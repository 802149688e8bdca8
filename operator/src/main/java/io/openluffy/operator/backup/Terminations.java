package io.openluffy.operator.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** How one container of a Job's pods ended, as the kubelet recorded it (exit code, termination message). */
final class Terminations {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Terminations() {
  }

  static Stream<ContainerStateTerminated> of(Job job, Collection<Pod> pods, String container) {
    String uid = job.getMetadata().getUid();
    return pods.stream()
        .filter(pod -> pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(uid, o.getUid())))
        .filter(pod -> pod.getStatus() != null)
        // an init container (backup.sh before the off-site upload) reports in initContainerStatuses
        .flatMap(pod -> Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses()))
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(status -> container.equals(status.getName()))
        .flatMap(status -> Optional.ofNullable(status.getState()).map(s -> s.getTerminated()).stream());
  }

  /** The JSON report a script left in a termination message; empty for anything else (a failure's log lines). */
  static <T> Optional<T> parse(String message, Class<T> type) {
    if (message == null || !message.strip().startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(message.strip(), type));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The report of {@code job}'s pod whose {@code container} exited 0, if any of {@code pods} is one. */
  static <T> Optional<T> report(Job job, Collection<Pod> pods, String container,
      Function<String, Optional<T>> parse) {
    return of(job, pods, container)
        .filter(terminated -> Integer.valueOf(0).equals(terminated.getExitCode()))
        .flatMap(terminated -> parse.apply(terminated.getMessage()).stream())
        .findFirst();
  }

  /**
   * Why a failed container stopped: the last line of its termination message, which under FallbackToLogsOnError is
   * the tail of its log (the scripts' one "... failed: ..." line); empty when no pod says. Of a pod's
   * {@code containers}, run one after the other, the one that failed says it.
   */
  static Optional<String> failure(Job job, Collection<Pod> pods, String... containers) {
    return Stream.of(containers).flatMap(container -> of(job, pods, container))
        .filter(t -> t.getExitCode() != null && t.getExitCode() != 0 && t.getMessage() != null)
        .map(t -> t.getMessage().strip().lines().reduce((first, second) -> second).orElse(""))
        .filter(line -> !line.isBlank())
        .reduce((first, second) -> second);
  }
}
