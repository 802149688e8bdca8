package io.openluffy.operator.testing;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/** The mock has no Job controller and no kubelet: tests play them for a Job's run with these. */
public final class JobRuns {

  private JobRuns() {
  }

  /** The Job controller started the Job's pod. */
  public static Job started(KubernetesClient k8s, Job job, Instant start) {
    job.setStatus(new JobStatusBuilder().withActive(1).withStartTime(start.toString()).build());
    return k8s.resource(job).updateStatus();
  }

  /** The Job controller saw its pod succeed. */
  public static Job completed(KubernetesClient k8s, Job job, Instant start, Instant end) {
    job.setStatus(new JobStatusBuilder().withStartTime(start.toString()).withSucceeded(1)
        .withCompletionTime(end.toString()).withConditions(new JobConditionBuilder().withType("Complete")
            .withStatus("True").withLastTransitionTime(end.toString()).build()).build());
    return k8s.resource(job).updateStatus();
  }

  /** The Job controller gave up after its pods failed. */
  public static Job failed(KubernetesClient k8s, Job job, Instant start, Instant end) {
    job.setStatus(new JobStatusBuilder().withStartTime(start.toString()).withFailed(3)
        .withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
            .withLastTransitionTime(end.toString()).withReason("BackoffLimitExceeded")
            .withMessage("Job has reached the specified backoff limit").build()).build());
    return k8s.resource(job).updateStatus();
  }

  /** The Job controller stopped the Job at its activeDeadlineSeconds. */
  public static Job stoppedAtDeadline(KubernetesClient k8s, Job job, Instant start, Instant end) {
    job.setStatus(new JobStatusBuilder().withStartTime(start.toString()).withFailed(1)
        .withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
            .withLastTransitionTime(end.toString()).withReason("DeadlineExceeded")
            .withMessage("Job was active longer than specified deadline").build()).build());
    return k8s.resource(job).updateStatus();
  }

  /**
   * The Job controller made a pod from the Job's template, and the kubelet ran it: {@code container} exited with
   * {@code exitCode}, leaving {@code message} as its termination message.
   */
  public static Pod podExited(KubernetesClient k8s, Job job, String container, int exitCode, String message) {
    return podRan(k8s, job, null, new Exit(container, exitCode, message));
  }

  /** How one container of a pod ended: its exit code and termination message. */
  public record Exit(String container, int code, String message) {

    ContainerStatus status() {
      return new ContainerStatusBuilder().withName(container).withNewState().withNewTerminated().withExitCode(code)
          .withReason(code == 0 ? "Completed" : "Error").withMessage(message).endTerminated().endState().build();
    }
  }

  /**
   * As {@link #podExited}, for a pod whose {@code init} container (when not null) ran first, then {@code main} (which
   * the kubelet runs only after an init container that exited 0).
   */
  public static Pod podRan(KubernetesClient k8s, Job job, Exit init, Exit main) {
    var template = job.getSpec().getTemplate();
    Pod pod = k8s.resource(new PodBuilder()
        .withNewMetadata().withName(job.getMetadata().getName() + "-x7k2p")
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference()
        .endMetadata()
        .withSpec(template.getSpec())
        .build()).create();
    var status = new PodStatusBuilder().withPhase(main.code() == 0 ? "Succeeded" : "Failed")
        .addToContainerStatuses(main.status());
    if (init != null) {
      status.addToInitContainerStatuses(init.status());
    }
    pod.setStatus(status.build());
    return k8s.resource(pod).updateStatus();
  }

  /** The report backup.sh writes into its termination message. */
  public static String backupReport(String dump, long size) {
    return "{\"dump\":\"" + dump + "\",\"sizeBytes\":" + size + ",\"seconds\":3,\"sha256\":\"" + "ab".repeat(32)
        + "\"}\n";
  }
}
