package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.backup.JobState;
import io.openluffy.operator.backup.VerificationReport;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.VerificationStatus;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.Component;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.dependent.VerifyCronJobDependent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code status.lastVerification} and {@code BackupVerified}, from the Jobs of the verification CronJob
 * ({@code spec.backup.verify}) and the report their pods leave (the pods are backup pods: {@link LastBackupStatus}'s
 * pod informer has them). The newest finished Job wins; while its pod is gone the last report stays. Informational,
 * like {@code LastBackupSucceeded}: a dump that does not restore does not stop the instance from serving. With
 * verification switched off both are removed: an old verdict nothing will refresh would only mislead. No success for
 * two scheduled runs, or a run past its deadline, is {@code VerificationStale} (as {@code BackupStale} for backups,
 * judged by {@link Staleness}): a CronJob that stops starting Jobs would otherwise leave the last success standing.
 */
public class LastVerificationStatus implements StatusContributor {

  @Override
  public List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    var jobs = InformerEventSourceConfiguration.from(Job.class, OpenLuffyInstance.class)
        .withName("verify-jobs")
        .withLabelSelector(InstanceLabels.VERIFY_SELECTOR)
        .withSecondaryToPrimaryMapper(LastBackupStatus::toInstance)
        .build();
    return List.of(new InformerEventSource<>(jobs, context));
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    if (!instance.spec().backupEnabled() || instance.spec().backup().verify().isEmpty()) {
      status.lastVerification(null);
      return;
    }
    VerificationStatus previous = instance.getStatus() == null ? null : instance.getStatus().getLastVerification();
    List<Job> jobs = LastBackupStatus.jobs(instance, context, Component.VERIFY);
    Optional<JobState> newest = jobs.stream().map(JobState::of).filter(JobState::finished)
        .max(Comparator.comparing(JobState::end).thenComparing(JobState::name));
    Optional<Instant> lastSuccess = Staleness.lastSuccess(jobs, Optional.ofNullable(previous)
        .map(VerificationStatus::getLastSuccessTime).map(Instant::parse));
    Optional<Verdict> verdict;
    if (newest.isEmpty() || (previous != null && Instant.parse(previous.getTime()).isAfter(newest.get().end()))) {
      // no Job (yet, or gone by the history limit): what was learnt from the last one stays true
      verdict = Optional.ofNullable(instance.getStatus()).flatMap(s -> s.condition(ConditionType.BACKUP_VERIFIED))
          .map(c -> new Verdict("True".equals(c.getStatus()), c.getReason(), c.getMessage()));
    } else {
      Set<Pod> pods = context.getSecondaryResources(Pod.class);
      VerificationStatus verification = verification(newest.get(), pods, previous);
      lastSuccess.ifPresent(t -> verification.setLastSuccessTime(t.toString()));
      status.lastVerification(verification);
      verdict = Optional.of(verdict(instance, newest.get(), verification, pods));
    }
    Instant now = status.now();
    Optional<Verdict> stale = overdueRun(instance, jobs, now, status)
        .or(() -> noRecentSuccess(instance, context, lastSuccess, now, status));
    stale.or(() -> verdict).ifPresent(v -> status.informational(ConditionType.BACKUP_VERIFIED, v.ok(), v.reason(),
        v.message()));
  }

  private static VerificationStatus verification(JobState finished, Set<Pod> pods, VerificationStatus previous) {
    var verification = new VerificationStatus();
    verification.setTime(finished.end().toString());
    verification.setJob(finished.name());
    verification.setResult(finished.succeeded() ? LastBackupStatus.SUCCEEDED : LastBackupStatus.FAILED);
    if (finished.succeeded()) {
      Optional<VerificationReport> report = VerificationReport.of(finished.job(), pods, BackupJob.VERIFY_CONTAINER);
      if (report.isPresent()) {
        verification.setDump(report.get().dump());
        verification.setTables(report.get().tables());
        verification.setRows(report.get().rows());
      } else if (previous != null && finished.name().equals(previous.getJob())) {
        // the pod is gone (evicted, garbage-collected) while its Job stays: what it reported stays true
        verification.setDump(previous.getDump());
        verification.setTables(previous.getTables());
        verification.setRows(previous.getRows());
      }
    }
    return verification;
  }

  private static Verdict verdict(OpenLuffyInstance instance, JobState finished, VerificationStatus verification,
      Set<Pod> pods) {
    String job = finished.name();
    if (finished.succeeded()) {
      return new Verdict(true, ConditionReason.BackupVerified.VERIFICATION_SUCCEEDED, verification.getDump() == null
          ? "Verification Job " + job + " finished at " + finished.end()
          : "Verification Job " + job + " restored " + verification.getDump() + " into a scratch database at "
              + finished.end() + ": " + verification.getTables() + " tables, " + verification.getRows()
              + " rows read back as in the dump");
    }
    String logs = "; read its logs with: kubectl logs job/" + job + " -n " + instance.targetNamespace();
    if ("DeadlineExceeded".equals(finished.reason())) {
      return new Verdict(false, ConditionReason.BackupVerified.VERIFICATION_STALE,
          "Verification Job " + job + " was stopped at its deadline of "
          + instance.spec().backup().deadlineSeconds() + " s (spec.backup.deadlineSeconds) at " + finished.end()
          + logs);
    }
    String why = VerificationReport.failure(finished.job(), pods, BackupJob.VERIFY_CONTAINER).map(line -> ": " + line)
        .orElse("");
    return new Verdict(false, ConditionReason.BackupVerified.VERIFICATION_FAILED,
        "Verification Job " + job + " failed at " + finished.end()
        + finished.cause() + why + logs + " (a restore of latest would meet the same problem)");
  }

  /** A verification Job still running past its activeDeadlineSeconds. */
  private static Optional<Verdict> overdueRun(OpenLuffyInstance instance, List<Job> jobs, Instant now,
      StatusBuilder status) {
    return Staleness.overdue(jobs, now, status).stream().reduce((first, second) -> second).map(job -> {
      String name = job.getMetadata().getName();
      return new Verdict(false, ConditionReason.BackupVerified.VERIFICATION_STALE,
          "Verification Job " + name + " has been running since "
          + Staleness.started(job) + ", past its deadline of " + job.getSpec().getActiveDeadlineSeconds()
          + " s; later verifications wait for it (concurrencyPolicy Forbid): kubectl logs job/" + name + " -n "
          + instance.targetNamespace());
    });
  }

  /**
   * No verification succeeded for two runs of {@code spec.backup.verify}: the dumps have gone unchecked (a CronJob that
   * no longer starts Jobs, Jobs that cannot be scheduled, failures whose Jobs are gone).
   */
  private static Optional<Verdict> noRecentSuccess(OpenLuffyInstance instance, Context<OpenLuffyInstance> context,
      Optional<Instant> lastSuccess, Instant now, StatusBuilder status) {
    String schedule = instance.spec().backup().verify().orElseThrow();
    Optional<Instant> since = lastSuccess.or(() -> BackupCronJobDependent.find(context,
        VerifyCronJobDependent.name(instance)).map(cron -> cron.getMetadata().getCreationTimestamp())
        .map(Instant::parse));
    if (since.isEmpty() || !Staleness.twoRunsPassed(schedule, since.get(), now, status).orElse(false)) {
      return Optional.empty();
    }
    String what = lastSuccess.map(t -> "The last successful verification was at " + t)
        .orElse("No verification has succeeded since the verification CronJob was created at " + since.get());
    return Optional.of(new Verdict(false, ConditionReason.BackupVerified.VERIFICATION_STALE,
        what + ": two scheduled runs (\"" + schedule + "\", UTC) have passed"
        + " without one, so the newest dumps are not known to restore; see kubectl get jobs -n "
        + instance.targetNamespace() + " -l app.kubernetes.io/component=verify"));
  }
}
