package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.testing.JobRuns;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * status.lastBackup and LastBackupSucceeded, from the Jobs of the backup CronJob. The tests play the CronJob
 * controller (a Job from the CronJob's job template) and the Job controller (its finished status).
 */
class BackupStatusTest extends MockClusterTest {

  /** Recent enough not to be stale under the default daily schedule. */
  private static final Instant HOUR_AGO = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
  private static final long RUN_SECONDS = 42;

  @Test
  void backupJobsCarryTheLabelsTheOperatorWatchesThemBy() {
    var instance = cluster.createReady(MockCluster.instance("labels", spec -> { }));

    var labels = cronJob(instance).getSpec().getJobTemplate().getMetadata().getLabels();

    assertThat(instance.getStatus().getLastBackup()).as("no backup has run yet").isNull();
    assertThat(instance.getStatus().condition(ConditionType.LAST_BACKUP_SUCCEEDED)).isEmpty();
    assertThat(labels).containsEntry(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR)
        .containsEntry(InstanceLabels.INSTANCE, "labels")
        .containsEntry(InstanceLabels.COMPONENT, "backup");
  }

  @Test
  void succeededBackupIsReportedWithItsJobTimeAndDuration() {
    var instance = cluster.createReady(MockCluster.instance("ok", spec -> { }));
    Instant finished = HOUR_AGO;

    runJob(instance, "openluffy-ok-backup-29400120", "Complete", finished);

    var status = cluster.awaitCondition("ok", ConditionType.LAST_BACKUP_SUCCEEDED, "True").getStatus();
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-ok-backup-29400120");
    assertThat(status.getLastBackup().getResult()).isEqualTo("Succeeded");
    assertThat(status.getLastBackup().getTime()).isEqualTo(finished.toString());
    assertThat(status.getLastBackup().getDurationSeconds()).isEqualTo(RUN_SECONDS);
    assertThat(status.getLastBackup().getLastSuccessTime()).isEqualTo(finished.toString());
    assertThat(status.condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow().getReason())
        .isEqualTo("BackupSucceeded");
  }

  /** The pod that ran backup.sh reports the dump in its termination message; a pod of another Job does not count. */
  @Test
  void aSucceededBackupShowsTheDumpItsPodReported() {
    var instance = cluster.createReady(MockCluster.instance("dump", spec -> { }));
    Job first = runJob(instance, "openluffy-dump-backup-1", "Complete", HOUR_AGO.minus(Duration.ofHours(1)));
    JobRuns.podExited(k8s, first, BackupJob.CONTAINER, 0,
        JobRuns.backupReport("openluffy-20261201T010000Z-a.dump", 7_699_429));
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("dump").getStatus().getLastBackup(),
        last -> last != null && "openluffy-20261201T010000Z-a.dump".equals(last.getDump()));

    // The Job controller marks the Job complete only after its pod succeeded, but the two events may arrive in
    // either order: the newer Job shows nothing of the older pod's dump, and its own once its pod is seen.
    Job second = runJob(instance, "openluffy-dump-backup-2", "Complete", HOUR_AGO);
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("dump").getStatus().getLastBackup(),
        last -> "openluffy-dump-backup-2".equals(last.getJob()));
    assertThat(cluster.get("dump").getStatus().getLastBackup().getDump()).isNull();
    JobRuns.podExited(k8s, second, BackupJob.CONTAINER, 0,
        JobRuns.backupReport("openluffy-20261201T020000Z-b.dump", 7_700_001));

    var last = await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("dump").getStatus().getLastBackup(),
        l -> "openluffy-20261201T020000Z-b.dump".equals(l.getDump()));
    assertThat(last.getSizeBytes()).isEqualTo(7_700_001L);
    assertThat(last.getDurationSeconds()).isEqualTo(RUN_SECONDS);
    assertThat(last.getTime()).isEqualTo(HOUR_AGO.toString());
  }

  @Test
  void failedBackupSaysWhichJobAndHowToReadItsLogsWithoutMakingTheInstanceUnready() {
    var instance = cluster.createReady(MockCluster.instance("broken", spec -> { }));
    runJob(instance, "openluffy-broken-backup-29400120", "Complete", HOUR_AGO.minus(Duration.ofHours(2)));
    cluster.awaitCondition("broken", ConditionType.LAST_BACKUP_SUCCEEDED, "True");

    runJob(instance, "openluffy-broken-backup-29401560", "Failed", HOUR_AGO);

    var status = cluster.awaitCondition("broken", ConditionType.LAST_BACKUP_SUCCEEDED, "False").getStatus();
    var condition = status.condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("BackupFailed");
    assertThat(condition.getMessage()).contains("openluffy-broken-backup-29401560", "BackoffLimitExceeded",
        "kubectl logs job/openluffy-broken-backup-29401560 -n openluffy-broken");
    assertThat(status.getLastBackup().getResult()).isEqualTo("Failed");
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-broken-backup-29401560");
    assertThat(status.getLastBackup().getLastSuccessTime()).as("the newest good dump is still the older one")
        .isEqualTo(HOUR_AGO.minus(Duration.ofHours(2)).toString());
    assertThat(status.isTrue(ConditionType.READY)).isTrue();
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
  }

  @Test
  void newestFinishedJobWinsWhateverOrderTheEventsArriveIn() {
    var instance = cluster.createReady(MockCluster.instance("order", spec -> { }));
    runJob(instance, "openluffy-order-backup-3", "Failed", HOUR_AGO);
    cluster.awaitCondition("order", ConditionType.LAST_BACKUP_SUCCEEDED, "False");

    // An older success reported late (e.g. after an operator restart) does not hide the newer failure ...
    double seen = cluster.reconciliations();
    runJob(instance, "openluffy-order-backup-1", "Complete", HOUR_AGO.minus(Duration.ofHours(2)));
    assertStillReports("order", seen, "openluffy-order-backup-3", "BackupFailed");
    // ... a running Job within its deadline does not count ...
    seen = cluster.reconciliations();
    runJob(instance, "openluffy-order-backup-5", null, null);
    assertStillReports("order", seen, "openluffy-order-backup-3", "BackupFailed");
    // ... and a newer success replaces it.
    runJob(instance, "openluffy-order-backup-4", "Complete", HOUR_AGO.plus(Duration.ofMinutes(30)));

    var status = cluster.awaitCondition("order", ConditionType.LAST_BACKUP_SUCCEEDED, "True").getStatus();
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-order-backup-4");
  }

  @Test
  void noSuccessForTwoScheduledRunsIsStale() {
    var instance = cluster.createReady(MockCluster.instance("stale", spec -> { }));
    Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));

    runJob(instance, "openluffy-stale-backup-1", "Complete", threeDaysAgo);

    var condition = awaitReason("stale", "BackupStale");
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getMessage()).contains("The newest good dump is from " + threeDaysAgo,
        "two scheduled runs (\"0 2 * * *\", UTC) have passed without a successful backup",
        "kubectl get jobs -n openluffy-stale -l app.kubernetes.io/component=backup");
    assertThat(cluster.get("stale").getStatus().isTrue(ConditionType.READY)).isTrue();
  }

  /** Nothing happens in the cluster when backups silently stop: the operator must look again at the right time. */
  @Test
  void aBackupTurnsStaleOnTimeWithoutAnyEvent() {
    var instance = cluster.createReady(MockCluster.instance("clock", spec -> {
      spec.setBackup(new BackupSpec());
      spec.getBackup().setSchedule("* * * * *");
    }));
    // Stale at the start of the next minute: two every-minute runs after this success have then passed.
    Instant nextMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    runJob(instance, "openluffy-clock-backup-1", "Complete", nextMinute.minus(Duration.ofSeconds(119)));
    cluster.awaitCondition("clock", ConditionType.LAST_BACKUP_SUCCEEDED, "True");

    var condition = await().atMost(Duration.ofSeconds(75)).until(
        () -> cluster.get("clock").getStatus().condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow(),
        c -> c.getReason().equals("BackupStale"));
    assertThat(Instant.now()).isAfterOrEqualTo(nextMinute);
    assertThat(condition.getStatus()).isEqualTo("False");
  }

  @Test
  void aRunPastItsDeadlineIsStaleAndSaysThatLaterRunsWaitForIt() {
    var instance = cluster.createReady(MockCluster.instance("hung", spec -> { }));
    runJob(instance, "openluffy-hung-backup-1", "Complete", HOUR_AGO);
    cluster.awaitCondition("hung", ConditionType.LAST_BACKUP_SUCCEEDED, "True");

    Job hung = runJob(instance, "openluffy-hung-backup-2", null, null);
    hung.getStatus().setStartTime(Instant.now().minus(Duration.ofMinutes(61)).toString());
    k8s.resource(hung).updateStatus();

    var condition = awaitReason("hung", "BackupStale");
    assertThat(condition.getMessage()).contains("Backup Job openluffy-hung-backup-2 has been running since",
        "past its deadline of 3600 s", "later runs wait for it", "kubectl logs job/openluffy-hung-backup-2");
  }

  @Test
  void aRunStoppedAtItsDeadlineIsStale() {
    var instance = cluster.createReady(MockCluster.instance("deadline", spec -> { }));

    runJob(instance, "openluffy-deadline-backup-1", "DeadlineExceeded", HOUR_AGO);

    var condition = awaitReason("deadline", "BackupStale");
    assertThat(condition.getMessage()).contains("was stopped at its deadline of 3600 s (spec.backup.deadlineSeconds)",
        "kubectl logs job/openluffy-deadline-backup-1 -n openluffy-deadline");
  }

  @Test
  void lastBackupOutlivesItsJob() {
    var instance = cluster.createReady(MockCluster.instance("history", spec -> { }));
    Job job = runJob(instance, "openluffy-history-backup-1", "Failed", HOUR_AGO);
    cluster.awaitCondition("history", ConditionType.LAST_BACKUP_SUCCEEDED, "False");

    // The CronJob's failedJobsHistoryLimit removes it; the reconciles that follow must not forget the failure.
    k8s.resource(job).delete();
    // A later reconcile, seen from outside: the operator restores a deleted Service.
    var service = k8s.services().inNamespace(instance.targetNamespace()).withName(ApiServiceDependent.name(instance));
    service.delete();
    await().atMost(MockCluster.PATIENCE).until(() -> service.get() != null);

    var status = cluster.get("history").getStatus();
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-history-backup-1");
    assertThat(status.condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow().getMessage())
        .contains("kubectl logs job/openluffy-history-backup-1");

    // With the newer failure's Job gone, an older success reported late still does not replace it.
    double seen = cluster.reconciliations();
    runJob(instance, "openluffy-history-backup-0", "Complete", HOUR_AGO.minus(Duration.ofHours(2)));
    assertStillReports("history", seen, "openluffy-history-backup-1", "BackupFailed");
  }

  private static CronJob cronJob(OpenLuffyInstance instance) {
    return await().atMost(MockCluster.PATIENCE).until(() -> k8s.batch().v1().cronjobs()
        .inNamespace(instance.targetNamespace()).withName(BackupCronJobDependent.name(instance)).get(), c -> c != null);
  }

  /**
   * After a reconcile that began after {@code seen} reconciles (so it saw the test's latest change), the status
   * keeps reporting this Job for a while.
   */
  private static void assertStillReports(String name, double seen, String job, String reason) {
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciliations() > seen);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> cluster.get(name).getStatus(),
        status -> job.equals(status.getLastBackup().getJob())
            && status.condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow().getReason().equals(reason));
  }

  private static Condition awaitReason(String name, String reason) {
    return await().atMost(MockCluster.PATIENCE).until(() -> cluster.get(name).getStatus()
        .condition(ConditionType.LAST_BACKUP_SUCCEEDED), c -> c.isPresent() && c.get().getReason().equals(reason))
        .orElseThrow();
  }

  /**
   * Creates a Job from the CronJob's template and, when {@code outcome} is given (Complete, Failed, or
   * DeadlineExceeded for a Job the controller stopped at its deadline), marks it finished then, RUN_SECONDS after
   * its start.
   */
  private static Job runJob(OpenLuffyInstance instance, String name, String outcome, Instant finishedAt) {
    var template = cronJob(instance).getSpec().getJobTemplate();
    Job job = k8s.resource(new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(instance.targetNamespace())
        .withLabels(template.getMetadata().getLabels()).endMetadata()
        .withSpec(template.getSpec())
        .build()).create();
    if (outcome == null) {
      job.setStatus(new JobStatusBuilder().withActive(1).withStartTime(Instant.now().toString()).build());
    } else {
      boolean complete = outcome.equals("Complete");
      var condition = new JobConditionBuilder().withType(complete ? "Complete" : "Failed").withStatus("True")
          .withLastTransitionTime(finishedAt.toString());
      if (outcome.equals("Failed")) {
        condition.withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit");
      } else if (outcome.equals("DeadlineExceeded")) {
        condition.withReason("DeadlineExceeded").withMessage("Job was active longer than specified deadline");
      }
      job.setStatus(new JobStatusBuilder()
          .withStartTime(finishedAt.minusSeconds(RUN_SECONDS).toString())
          .withSucceeded(complete ? 1 : 0).withFailed(complete ? 0 : 3)
          .withCompletionTime(complete ? finishedAt.toString() : null)
          .withConditions(condition.build()).build());
    }
    return k8s.resource(job).updateStatus();
  }
}
