package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.backup.BackupReport;
import io.openluffy.operator.backup.JobState;
import io.openluffy.operator.crd.BackupStatus;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.Component;
import io.openluffy.operator.dependent.InstanceLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code status.lastBackup} and {@code LastBackupSucceeded}, from the Jobs the backup CronJob creates (and the dump's
 * name and size from the report a succeeded Job's pod leaves in its termination message). Those Jobs are
 * owned by the CronJob, not by the instance, so they are watched through their own informer (filtered by the
 * operator's labels, which the CronJob's job template gives them) and mapped to the instance by its instance label.
 * The newest finished Job wins. The condition is informational: a failed backup does not make a running instance
 * unready (as in CloudNativePG); it says which Job failed and how to read its logs. A backup that has not succeeded
 * for two scheduled runs, or a run past its deadline, is {@code BackupStale}: the failure mode that otherwise stays
 * silent (a hung run, a CronJob that no longer starts Jobs).
 */
public class LastBackupStatus implements StatusContributor {

  /** status.lastBackup.result and status.lastVerification.result of a finished Job. */
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  private static final String SELECTOR = InstanceLabels.MANAGED_SELECTOR + "," + InstanceLabels.COMPONENT + "="
      + Component.BACKUP.label();

  @Override
  public List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    var configuration = InformerEventSourceConfiguration.from(Job.class, OpenLuffyInstance.class)
        .withName("backup-jobs")
        .withLabelSelector(SELECTOR)
        .withSecondaryToPrimaryMapper(LastBackupStatus::toInstance)
        .build();
    // The Jobs' pods carry the job template's labels: the same selector and mapping find them.
    var pods = InformerEventSourceConfiguration.from(Pod.class, OpenLuffyInstance.class)
        .withName("backup-pods")
        .withLabelSelector(SELECTOR)
        .withSecondaryToPrimaryMapper(LastBackupStatus::toInstance)
        .build();
    return List.of(new InformerEventSource<>(configuration, context), new InformerEventSource<>(pods, context));
  }

  /**
   * The instance's Jobs of one component. Every Job informer of the controller answers {@code getSecondaryResources}
   * (backup and verification Jobs alike), so the component label tells them apart.
   */
  static List<Job> jobs(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, Component component) {
    return context.getSecondaryResources(Job.class).stream()
        .filter(job -> instance.targetNamespace().equals(job.getMetadata().getNamespace()))
        .filter(job -> job.getMetadata().getLabels() != null
            && component.label().equals(job.getMetadata().getLabels().get(InstanceLabels.COMPONENT)))
        .toList();
  }

  static Set<ResourceID> toInstance(HasMetadata object) {
    return Optional.ofNullable(object.getMetadata().getLabels())
        .map(labels -> labels.get(InstanceLabels.INSTANCE))
        .map(instance -> Set.of(new ResourceID(instance)))
        .orElse(Set.of());
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    List<Job> jobs = jobs(instance, context, Component.BACKUP);
    Optional<JobState> newest = jobs.stream().flatMap(job -> finished(job).stream())
        .max(Comparator.comparing(JobState::end).thenComparing(JobState::name));
    BackupStatus previous = instance.getStatus() == null ? null : instance.getStatus().getLastBackup();
    Optional<Instant> lastSuccess = lastSuccess(jobs, previous);
    Instant now = status.now();

    Optional<Verdict> verdict;
    if (newest.isPresent() && (previous == null || !Instant.parse(previous.getTime()).isAfter(newest.get().end()))) {
      Set<Pod> pods = context.getSecondaryResources(Pod.class);
      status.lastBackup(lastBackup(newest.get(), lastSuccess, pods, previous));
      verdict = Optional.of(verdict(instance, newest.get()));
    } else {
      // The Job is gone (history limit, TTL, backups switched off): what was learnt from it stays true.
      verdict = instance.getStatus() == null ? Optional.empty()
          : instance.getStatus().condition(ConditionType.LAST_BACKUP_SUCCEEDED)
              .map(c -> new Verdict("True".equals(c.getStatus()), c.getReason(), c.getMessage()));
    }
    if (instance.spec().backupEnabled()) {
      Optional<Verdict> stale = overdueRun(instance, jobs, now, status)
          .or(() -> staleDump(instance, context, lastSuccess, now, status));
      verdict = stale.isPresent() ? stale : verdict;
    }
    verdict.ifPresent(v -> status.informational(ConditionType.LAST_BACKUP_SUCCEEDED, v.ok(), v.reason(), v.message()));
  }

  private static Verdict verdict(OpenLuffyInstance instance, JobState finished) {
    String job = finished.name();
    if (finished.succeeded()) {
      return new Verdict(true, ConditionReason.LastBackupSucceeded.BACKUP_SUCCEEDED,
          "Backup Job " + job + " finished at " + finished.end());
    }
    String logs = "; read its logs with: kubectl logs job/" + job + " -n " + instance.targetNamespace()
        + " (the previous dumps are kept)";
    if ("DeadlineExceeded".equals(finished.reason())) {
      return new Verdict(false, ConditionReason.LastBackupSucceeded.BACKUP_STALE,
          "Backup Job " + job + " was stopped at its deadline of "
          + instance.spec().backup().deadlineSeconds() + " s (spec.backup.deadlineSeconds) at " + finished.end()
          + logs);
    }
    return new Verdict(false, ConditionReason.LastBackupSucceeded.BACKUP_FAILED,
        "Backup Job " + job + " failed at " + finished.end()
        + finished.cause() + logs);
  }

  /** A Job still running past its activeDeadlineSeconds: the Job controller should have stopped it. */
  private static Optional<Verdict> overdueRun(OpenLuffyInstance instance, List<Job> jobs, Instant now,
      StatusBuilder status) {
    return Staleness.overdue(jobs, now, status).stream().reduce((first, second) -> second).map(job -> {
      String name = job.getMetadata().getName();
      return new Verdict(false, ConditionReason.LastBackupSucceeded.BACKUP_STALE,
          "Backup Job " + name + " has been running since " + Staleness.started(job)
          + ", past its deadline of " + job.getSpec().getActiveDeadlineSeconds() + " s; later runs wait for it"
          + " (concurrencyPolicy Forbid): kubectl logs job/" + name + " -n " + instance.targetNamespace());
    });
  }

  /**
   * No success for two scheduled runs: the newest good dump is from before the second-to-last scheduled time. Until
   * then the instance is reconciled again at that time, so staleness shows without any event.
   */
  private static Optional<Verdict> staleDump(OpenLuffyInstance instance, Context<OpenLuffyInstance> context,
      Optional<Instant> lastSuccess, Instant now, StatusBuilder status) {
    String schedule = instance.spec().backup().schedule();
    Optional<Instant> since = lastSuccess.or(() -> BackupCronJobDependent.find(instance, context)
        .map(cron -> cron.getMetadata().getCreationTimestamp()).map(Instant::parse));
    if (since.isEmpty() || !Staleness.twoRunsPassed(schedule, since.get(), now, status).orElse(false)) {
      return Optional.empty();
    }
    String what = lastSuccess.map(t -> "The newest good dump is from " + t)
        .orElse("No backup has succeeded since the backup CronJob was created at " + since.get());
    return Optional.of(new Verdict(false, ConditionReason.LastBackupSucceeded.BACKUP_STALE,
        what + ": two scheduled runs (\"" + schedule + "\", UTC) have passed"
        + " without a successful backup; see kubectl get jobs -n " + instance.targetNamespace()
        + " -l app.kubernetes.io/component=backup"));
  }

  private static Optional<Instant> lastSuccess(List<Job> jobs, BackupStatus previous) {
    return Staleness.lastSuccess(jobs, Optional.ofNullable(previous).map(BackupStatus::getLastSuccessTime)
        .map(Instant::parse));
  }

  private static BackupStatus lastBackup(JobState finished, Optional<Instant> lastSuccess, Set<Pod> pods,
      BackupStatus previous) {
    var lastBackup = new BackupStatus();
    lastBackup.setTime(finished.end().toString());
    lastBackup.setResult(finished.succeeded() ? SUCCEEDED : FAILED);
    lastBackup.setJob(finished.name());
    Optional.ofNullable(finished.start())
        .ifPresent(start -> lastBackup.setDurationSeconds(Duration.between(start, finished.end()).toSeconds()));
    lastSuccess.ifPresent(t -> lastBackup.setLastSuccessTime(t.toString()));
    if (finished.succeeded()) {
      Optional<BackupReport> report = BackupReport.of(finished.job(), pods, BackupJob.CONTAINER);
      if (report.isPresent()) {
        lastBackup.setDump(report.get().dump());
        lastBackup.setSizeBytes(report.get().sizeBytes());
      } else if (previous != null && lastBackup.getJob().equals(previous.getJob())) {
        // the pod is gone (evicted, garbage-collected) while its Job stays: what it reported stays true
        lastBackup.setDump(previous.getDump());
        lastBackup.setSizeBytes(previous.getSizeBytes());
      }
    }
    return lastBackup;
  }

  /** A Job counts once it has finished. */
  private static Optional<JobState> finished(Job job) {
    return Optional.of(JobState.of(job)).filter(JobState::finished);
  }
}
