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
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.Component;
import io.openluffy.operator.dependent.InstanceLabels;
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
 * verification switched off both are removed: an old verdict nothing will refresh would only mislead.
 */
public class LastVerificationStatus implements StatusContributor {

  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";

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
    Optional<JobState> newest = LastBackupStatus.jobs(instance, context, Component.VERIFY).stream()
        .map(JobState::of).filter(JobState::finished)
        .max(Comparator.comparing(JobState::end).thenComparing(JobState::name));
    if (newest.isEmpty() || (previous != null && Instant.parse(previous.getTime()).isAfter(newest.get().end()))) {
      // no Job (yet, or gone by the history limit): what was learnt from the last one stays true
      Optional.ofNullable(instance.getStatus()).flatMap(s -> s.condition(ConditionType.BACKUP_VERIFIED))
          .ifPresent(c -> status.informational(ConditionType.BACKUP_VERIFIED, "True".equals(c.getStatus()),
              c.getReason(), c.getMessage()));
      return;
    }
    JobState finished = newest.get();
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    var verification = new VerificationStatus();
    verification.setTime(finished.end().toString());
    verification.setJob(finished.name());
    verification.setResult(finished.succeeded() ? SUCCEEDED : FAILED);
    String job = finished.name();
    String logs = "; read its logs with: kubectl logs job/" + job + " -n " + instance.targetNamespace();
    if (finished.succeeded()) {
      Optional<VerificationReport> report = VerificationReport.of(finished.job(), pods, BackupJob.VERIFY_CONTAINER);
      if (report.isPresent()) {
        verification.setDump(report.get().dump());
        verification.setTables(report.get().tables());
        verification.setRows(report.get().rows());
      } else if (previous != null && job.equals(previous.getJob())) {
        // the pod is gone (evicted, garbage-collected) while its Job stays: what it reported stays true
        verification.setDump(previous.getDump());
        verification.setTables(previous.getTables());
        verification.setRows(previous.getRows());
      }
      status.informational(ConditionType.BACKUP_VERIFIED, true, ConditionReason.BackupVerified.VERIFICATION_SUCCEEDED,
          verification.getDump() == null
          ? "Verification Job " + job + " finished at " + finished.end()
          : "Verification Job " + job + " restored " + verification.getDump() + " into a scratch database at "
              + finished.end() + ": " + verification.getTables() + " tables, " + verification.getRows()
              + " rows read back as in the dump");
    } else {
      String why = VerificationReport.failure(finished.job(), pods, BackupJob.VERIFY_CONTAINER)
          .map(line -> ": " + line).orElse("");
      status.informational(ConditionType.BACKUP_VERIFIED, false, ConditionReason.BackupVerified.VERIFICATION_FAILED,
          "Verification Job " + job
          + " failed at " + finished.end() + finished.cause() + why + logs
          + " (a restore of latest would meet the same problem)");
    }
    status.lastVerification(verification);
  }
}
