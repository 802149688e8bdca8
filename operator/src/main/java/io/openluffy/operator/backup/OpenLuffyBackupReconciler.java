package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.openluffy.operator.crd.DumpRunStatus;
import io.openluffy.operator.crd.OpenLuffyBackup;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.RunPhase;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.Component;
import io.openluffy.operator.dependent.InstanceLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an OpenLuffyBackup: one backup Job for its instance (the scheduled one's pod, with the same script, volume
 * and deadline), then the Job's outcome and the dump in the backup's status. A backup runs at most once: once its
 * status names a Job, no other is made, and a final phase is never touched again (Argo CD re-applying it does
 * nothing). The Job is owned by the backup, so deleting the backup removes the Job; the dump stays on the volume.
 */
@ControllerConfiguration(name = OpenLuffyBackupReconciler.NAME)
public class OpenLuffyBackupReconciler implements Reconciler<OpenLuffyBackup> {

  public static final String NAME = "openluffybackup";
  /** On the backup's Job and pods: the name of the OpenLuffyBackup they run. */
  public static final String RUN_LABEL = "openluffy.io/backup";
  /** While waiting for the instance or for another run on the volume: nothing else would wake the backup up. */
  static final Duration PENDING_RECHECK = Duration.ofSeconds(20);
  /** How long a completed Job may wait for its pod's report to reach the cache before the backup is final. */
  static final Duration REPORT_PATIENCE = Duration.ofSeconds(30);
  static final Duration REPORT_RECHECK = Duration.ofSeconds(2);

  private final RunStatusWriter<OpenLuffyBackup, DumpRunStatus> writer;

  public OpenLuffyBackupReconciler(boolean serverSideApply) {
    this.writer = new RunStatusWriter<>(OpenLuffyBackup::new, serverSideApply);
  }

  @Override
  public List<EventSource<?, OpenLuffyBackup>> prepareEventSources(EventSourceContext<OpenLuffyBackup> context) {
    return RunJobs.eventSources(OpenLuffyBackup.class, RUN_LABEL, context);
  }

  @Override
  public UpdateControl<OpenLuffyBackup> reconcile(OpenLuffyBackup backup, Context<OpenLuffyBackup> context) {
    DumpRunStatus previous = Optional.ofNullable(backup.getStatus()).orElseGet(DumpRunStatus::new);
    if (previous.isFinal()) {
      return UpdateControl.noUpdate();
    }
    String name = backup.getMetadata().getName();
    Optional<Job> job = RunJobs.job(context, backup, previous.getJob());
    DumpRunStatus status;
    Duration recheck = null;
    if (job.isPresent()) {
      JobState state = JobState.of(job.get());
      status = progress(state, context);
      if (status.getPhase() == RunPhase.Running && state.finished()) {
        recheck = REPORT_RECHECK;
      }
    } else if (previous.getJob() != null) {
      status = copy(previous);
      status.setPhase(RunPhase.Failed);
      status.setMessage("Job " + previous.getJob() + " was deleted before it finished; create another"
          + " OpenLuffyBackup to try again");
    } else {
      RunTarget target = RunTarget.resolve(backup, backup.spec(), context.getClient());
      status = new DumpRunStatus();
      if (target.ready()) {
        context.getClient().resource(job(backup, target.instance())).create();
        status.setPhase(RunPhase.Pending);
        status.setJob(name);
        status.setMessage("Job " + name + " created");
      } else {
        status.setPhase(target.phase());
        status.setMessage(target.problem());
        recheck = target.phase() == RunPhase.Pending ? PENDING_RECHECK : null;
      }
    }
    UpdateControl<OpenLuffyBackup> control = writer.control(backup, status);
    return recheck == null ? control : control.rescheduleAfter(recheck);
  }

  /** The run as its Job and pod tell it. */
  private static DumpRunStatus progress(JobState state, Context<OpenLuffyBackup> context) {
    var status = new DumpRunStatus();
    String job = state.name();
    String ns = state.job().getMetadata().getNamespace();
    status.setJob(job);
    Optional.ofNullable(state.start()).ifPresent(t -> status.setStartTime(t.toString()));
    if (!state.finished()) {
      status.setPhase(state.start() == null ? RunPhase.Pending : RunPhase.Running);
      status.setMessage("Job " + job + (state.start() == null ? " created" : " running"));
      return status;
    }
    status.setCompletionTime(state.end().toString());
    String logs = "; read its logs with: kubectl logs job/" + job + " -n " + ns;
    if (!state.succeeded()) {
      status.setPhase(RunPhase.Failed);
      status.setMessage("Backup Job " + job + " failed" + state.cause()
          + Terminations.failure(state.job(), RunJobs.pods(context), BackupJob.CONTAINER, BackupJob.UPLOAD_CONTAINER)
              .map(l -> ": " + l).orElse("") + logs + " (the previous dumps are kept)");
      return status;
    }
    Optional<BackupReport> report = BackupReport.of(state.job(), RunJobs.pods(context), BackupJob.CONTAINER);
    if (report.isEmpty() && state.end().plus(REPORT_PATIENCE).isAfter(Instant.now())) {
      status.setPhase(RunPhase.Running);
      status.setMessage("Job " + job + " completed; reading its pod's report");
      return status;
    }
    status.setPhase(RunPhase.Succeeded);
    report.ifPresentOrElse(r -> {
      status.setDump(r.dump());
      status.setSizeBytes(r.sizeBytes());
      status.setMessage("Verified dump " + r.dump() + " written (" + r.sizeBytes() + " bytes, sha256 " + r.sha256()
          + ")");
    }, () -> status.setMessage("Job " + job + " completed, but its pod left no report of the dump" + logs));
    return status;
  }

  private static Job job(OpenLuffyBackup backup, OpenLuffyInstance instance) {
    String name = backup.getMetadata().getName();
    Map<String, String> labels = InstanceLabels.of(instance, Component.BACKUP);
    labels.put(RUN_LABEL, name);
    return new JobBuilder()
        .withMetadata(RunJobs.metadata(backup, labels))
        .withSpec(BackupJob.spec(instance, labels))
        .build();
  }

  private static DumpRunStatus copy(DumpRunStatus previous) {
    var status = new DumpRunStatus();
    status.setJob(previous.getJob());
    status.setStartTime(previous.getStartTime());
    return status;
  }
}
