package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.crd.BackupStatus;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.Component;
import io.openluffy.operator.dependent.InstanceLabels;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code status.lastBackup} and {@code LastBackupSucceeded}, from the Jobs the backup CronJob creates. Those Jobs are
 * owned by the CronJob, not by the instance, so they are watched through their own informer (filtered by the
 * operator's labels, which the CronJob's job template gives them) and mapped to the instance by its instance label.
 * The newest finished Job wins. The condition is informational: a failed backup does not make a running instance
 * unready (as in CloudNativePG); it says which Job failed and how to read its logs.
 */
public class LastBackupStatus implements StatusContributor {

  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  private static final String SELECTOR = InstanceLabels.MANAGED_SELECTOR + "," + InstanceLabels.COMPONENT + "="
      + Component.BACKUP.label();

  private record Finished(Job job, Instant time, boolean succeeded, String cause) {
  }

  @Override
  public List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    var configuration = InformerEventSourceConfiguration.from(Job.class, OpenLuffyInstance.class)
        .withName("backup-jobs")
        .withLabelSelector(SELECTOR)
        .withSecondaryToPrimaryMapper(job -> Optional.ofNullable(job.getMetadata().getLabels())
            .map(labels -> labels.get(InstanceLabels.INSTANCE))
            .map(instance -> Set.of(new ResourceID(instance)))
            .orElse(Set.of()))
        .build();
    return List.of(new InformerEventSource<>(configuration, context));
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    Optional<Finished> newest = context.getSecondaryResources(Job.class).stream()
        .filter(job -> instance.targetNamespace().equals(job.getMetadata().getNamespace()))
        .flatMap(job -> finished(job).stream())
        .max(Comparator.comparing(Finished::time).thenComparing(f -> f.job().getMetadata().getName()));
    BackupStatus previous = instance.getStatus() == null ? null : instance.getStatus().getLastBackup();
    if (newest.isPresent() && (previous == null || !Instant.parse(previous.getTime()).isAfter(newest.get().time()))) {
      report(instance, newest.get(), status);
    } else if (previous != null) {
      // The Job is gone (history limit, TTL, backups switched off): what was learnt from it stays true.
      instance.getStatus().condition(ConditionType.LAST_BACKUP_SUCCEEDED).ifPresent(c -> status.informational(
          c.getType(), "True".equals(c.getStatus()), c.getReason(), c.getMessage()));
    }
  }

  private static void report(OpenLuffyInstance instance, Finished finished, StatusBuilder status) {
    String job = finished.job().getMetadata().getName();
    var lastBackup = new BackupStatus();
    lastBackup.setTime(finished.time().toString());
    lastBackup.setResult(finished.succeeded() ? SUCCEEDED : FAILED);
    lastBackup.setJob(job);
    status.lastBackup(lastBackup);
    if (finished.succeeded()) {
      status.informational(ConditionType.LAST_BACKUP_SUCCEEDED, true, "BackupSucceeded",
          "Backup Job " + job + " finished at " + finished.time());
    } else {
      status.informational(ConditionType.LAST_BACKUP_SUCCEEDED, false, "BackupFailed",
          "Backup Job " + job + " failed at " + finished.time() + finished.cause() + "; read its logs with: kubectl"
              + " logs job/" + job + " -n " + instance.targetNamespace() + " (the previous dumps are kept)");
    }
  }

  /** A Job counts once it has finished: condition Complete or Failed, as the Job controller sets them. */
  private static Optional<Finished> finished(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (JobCondition condition : job.getStatus().getConditions()) {
      if (!"True".equals(condition.getStatus())) {
        continue;
      }
      if ("Complete".equals(condition.getType())) {
        return Optional.of(new Finished(job, time(job.getStatus().getCompletionTime(), condition, job), true, ""));
      }
      if ("Failed".equals(condition.getType())) {
        String cause = condition.getReason() == null ? ""
            : " (" + condition.getReason() + (condition.getMessage() == null ? "" : ": " + condition.getMessage()) + ")";
        return Optional.of(new Finished(job, time(null, condition, job), false, cause));
      }
    }
    return Optional.empty();
  }

  private static Instant time(String completionTime, JobCondition condition, Job job) {
    String time = completionTime != null ? completionTime
        : condition.getLastTransitionTime() != null ? condition.getLastTransitionTime()
        : job.getMetadata().getCreationTimestamp();
    return Instant.parse(time);
  }
}
