package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.openluffy.operator.crd.DumpRunStatus;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.crd.RestoreSource;
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
 * Runs an OpenLuffyRestore. Phase Running first: the instance reconciler then scales the API server to zero and
 * shows phase Restoring (dependent.RestoreInProgress). Once no API pod is left, restore.sh runs in a Job (one
 * transaction: a failure changes nothing); when the Job ends the restore is final, and the instance reconciler scales
 * the API server back. A final restore is never run again (Argo CD re-applying it does nothing).
 */
@ControllerConfiguration(name = OpenLuffyRestoreReconciler.NAME)
public class OpenLuffyRestoreReconciler implements Reconciler<OpenLuffyRestore> {

  public static final String NAME = "openluffyrestore";
  /** On the restore's Job and pods: the name of the OpenLuffyRestore they run. */
  public static final String RUN_LABEL = "openluffy.io/restore";
  /** While the API server scales down: its pods going away are not watched by this controller. */
  static final Duration SCALE_DOWN_RECHECK = Duration.ofSeconds(2);

  private final RunStatusWriter<OpenLuffyRestore, DumpRunStatus> writer;

  public OpenLuffyRestoreReconciler(boolean serverSideApply) {
    this.writer = new RunStatusWriter<>(OpenLuffyRestore::new, serverSideApply);
  }

  @Override
  public List<EventSource<?, OpenLuffyRestore>> prepareEventSources(EventSourceContext<OpenLuffyRestore> context) {
    return RunJobs.eventSources(OpenLuffyRestore.class, RUN_LABEL, context);
  }

  @Override
  public UpdateControl<OpenLuffyRestore> reconcile(OpenLuffyRestore restore, Context<OpenLuffyRestore> context) {
    DumpRunStatus previous = Optional.ofNullable(restore.getStatus()).orElseGet(DumpRunStatus::new);
    if (previous.isFinal()) {
      return UpdateControl.noUpdate();
    }
    String name = restore.getMetadata().getName();
    Optional<Job> job = RunJobs.job(context, restore, previous.getJob());
    DumpRunStatus status = new DumpRunStatus();
    Duration recheck = null;
    if (job.isPresent()) {
      status = progress(restore, JobState.of(job.get()), context);
      recheck = status.isFinal() || !JobState.of(job.get()).finished() ? null
          : OpenLuffyBackupReconciler.REPORT_RECHECK;
    } else if (previous.getJob() != null) {
      status.setPhase(RunPhase.Failed);
      status.setJob(previous.getJob());
      status.setMessage("Job " + previous.getJob() + " was deleted before it finished (restore.sh restores in one"
          + " transaction: a run stopped halfway changed nothing); create another OpenLuffyRestore to try again");
    } else if (previous.getPhase() == RunPhase.Running) {
      // the instance reconciler scales the API server down once it sees this restore Running
      OpenLuffyInstance instance = context.getClient().resources(OpenLuffyInstance.class)
          .withName(restore.spec().getInstance()).get();
      status.setPhase(RunPhase.Running);
      if (instance != null && fromStore(restore) && instance.spec().backup().objectStore().isEmpty()) {
        status.setPhase(RunPhase.Failed);
        status.setMessage("spec.backup.objectStore was removed from OpenLuffyInstance " + restore.spec().getInstance()
            + " before the restore started; nothing was changed; the API server is started again");
      } else if (instance != null && apiServerStopped(instance, context)) {
        context.getClient().resource(job(restore, instance)).create();
        status.setJob(name);
        status.setMessage("the API server is stopped; Job " + name + " restores " + dump(restore));
      } else {
        status.setMessage("waiting for the API server to scale to zero before restoring " + dump(restore));
        recheck = SCALE_DOWN_RECHECK;
      }
    } else {
      RunTarget target = storeMissing(RunTarget.resolve(restore, restore.spec(), context.getClient()), restore);
      status.setPhase(target.ready() ? RunPhase.Running : target.phase());
      status.setMessage(target.ready() ? "scaling the API server to zero before restoring " + dump(restore)
          : target.problem());
      recheck = status.getPhase() == RunPhase.Failed ? null
          : target.ready() ? SCALE_DOWN_RECHECK : OpenLuffyBackupReconciler.PENDING_RECHECK;
    }
    UpdateControl<OpenLuffyRestore> control = writer.control(restore, status);
    return recheck == null ? control : control.rescheduleAfter(recheck);
  }

  /**
   * A restore from the object store waits for the instance to have one (Argo CD may sync the restore before the
   * instance's change), rather than running into an empty scratch volume.
   */
  private static RunTarget storeMissing(RunTarget target, OpenLuffyRestore restore) {
    if (!target.ready() || !fromStore(restore) || target.instance().spec().backup().objectStore().isPresent()) {
      return target;
    }
    return new RunTarget(null, RunPhase.Pending, "spec.source is objectStore, but OpenLuffyInstance "
        + restore.spec().getInstance() + " has no spec.backup.objectStore; waiting until it has one");
  }

  private static boolean fromStore(OpenLuffyRestore restore) {
    return restore.spec().source() == RestoreSource.OBJECT_STORE;
  }

  /** The dump as the messages name it: its name or latest, and where from. */
  private static String dump(OpenLuffyRestore restore) {
    return restore.spec().getDump() + (fromStore(restore) ? " from the object store" : "");
  }

  /**
   * The Deployment asks for no replica and no API pod is left: a terminating pod may still write, and a Deployment's
   * status says nothing of pods it no longer counts, so the pods themselves are asked.
   */
  private static boolean apiServerStopped(OpenLuffyInstance instance, Context<OpenLuffyRestore> context) {
    String ns = instance.targetNamespace();
    String selector = InstanceLabels.API_SELECTOR + "," + InstanceLabels.INSTANCE + "=" + instance.getMetadata().getName();
    List<Deployment> api = context.getClient().apps().deployments().inNamespace(ns).withLabelSelector(selector).list()
        .getItems();
    return api.stream().allMatch(d -> Integer.valueOf(0).equals(d.getSpec().getReplicas()))
        && context.getClient().pods().inNamespace(ns).withLabelSelector(selector).list().getItems().isEmpty();
  }

  private static DumpRunStatus progress(OpenLuffyRestore restore, JobState state,
      Context<OpenLuffyRestore> context) {
    var status = new DumpRunStatus();
    String job = state.name();
    status.setJob(job);
    Optional.ofNullable(state.start()).ifPresent(t -> status.setStartTime(t.toString()));
    status.setPhase(RunPhase.Running);
    if (!state.finished()) {
      status.setMessage("Job " + job + " restores " + dump(restore) + "; the API server is stopped");
      return status;
    }
    if (state.succeeded()) {
      // which dump latest was: restore.sh's report, which the pod informer may see after the Job's end
      Optional<BackupReport> report = BackupReport.of(state.job(), RunJobs.pods(context), BackupJob.RESTORE_CONTAINER);
      if (report.isEmpty() && state.end().plus(OpenLuffyBackupReconciler.REPORT_PATIENCE).isAfter(Instant.now())) {
        status.setMessage("Job " + job + " completed; reading its pod's report");
        return status;
      }
      status.setCompletionTime(state.end().toString());
      status.setPhase(RunPhase.Succeeded);
      report.ifPresent(r -> {
        status.setDump(r.dump());
        status.setSizeBytes(r.sizeBytes());
      });
      String source = fromStore(restore) ? " from the object store" : "";
      status.setMessage("Restored " + report.map(r -> r.dump() + " (" + r.sizeBytes() + " bytes"
              + (restore.spec().getDump().equals(r.dump()) ? ")" : ", " + restore.spec().getDump() + ")") + source)
          .orElse(dump(restore)) + " into the database of OpenLuffyInstance "
          + restore.spec().getInstance() + "; the API server is started again");
    } else {
      status.setCompletionTime(state.end().toString());
      status.setPhase(RunPhase.Failed);
      status.setMessage("Restore Job " + job + " failed" + state.cause()
          + Terminations.failure(state.job(), RunJobs.pods(context), BackupJob.DOWNLOAD_CONTAINER,
              BackupJob.RESTORE_CONTAINER).map(l -> ": " + l)
              .orElse("") + "; the database is as it was before; the API server is started again; read the logs"
          + " with: kubectl logs job/" + job + " -n " + restore.getMetadata().getNamespace());
    }
    return status;
  }

  private static Job job(OpenLuffyRestore restore, OpenLuffyInstance instance) {
    String name = restore.getMetadata().getName();
    Map<String, String> podLabels = InstanceLabels.of(instance, Component.BACKUP);
    podLabels.put(RUN_LABEL, name);
    // the Job's own component is restore, so that it is not counted as a backup (status.lastBackup)
    Map<String, String> jobLabels = InstanceLabels.of(instance, Component.RESTORE);
    jobLabels.put(RUN_LABEL, name);
    return new JobBuilder()
        .withMetadata(RunJobs.metadata(restore, jobLabels))
        .withSpec(BackupJob.restoreSpec(instance, podLabels, restore.spec().getDump(), fromStore(restore)))
        .build();
  }
}
