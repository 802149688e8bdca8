package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import org.junit.jupiter.api.Test;

/**
 * status.lastBackup and LastBackupSucceeded, from the Jobs of the backup CronJob. The tests play the CronJob
 * controller (a Job from the CronJob's job template) and the Job controller (its finished status).
 */
class BackupStatusTest extends MockClusterTest {

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
  void succeededBackupIsReportedWithItsJobAndTime() {
    var instance = cluster.createReady(MockCluster.instance("ok", spec -> { }));

    runJob(instance, "openluffy-ok-backup-29400120", "Complete", "2026-11-29T02:00:41Z");

    var status = cluster.awaitCondition("ok", ConditionType.LAST_BACKUP_SUCCEEDED, "True").getStatus();
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-ok-backup-29400120");
    assertThat(status.getLastBackup().getResult()).isEqualTo("Succeeded");
    assertThat(status.getLastBackup().getTime()).isEqualTo("2026-11-29T02:00:41Z");
    assertThat(status.condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow().getReason())
        .isEqualTo("BackupSucceeded");
  }

  @Test
  void failedBackupSaysWhichJobAndHowToReadItsLogsWithoutMakingTheInstanceUnready() {
    var instance = cluster.createReady(MockCluster.instance("broken", spec -> { }));
    runJob(instance, "openluffy-broken-backup-29400120", "Complete", "2026-11-29T02:00:41Z");
    cluster.awaitCondition("broken", ConditionType.LAST_BACKUP_SUCCEEDED, "True");

    runJob(instance, "openluffy-broken-backup-29401560", "Failed", "2026-11-30T02:03:10Z");

    var status = cluster.awaitCondition("broken", ConditionType.LAST_BACKUP_SUCCEEDED, "False").getStatus();
    var condition = status.condition(ConditionType.LAST_BACKUP_SUCCEEDED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("BackupFailed");
    assertThat(condition.getMessage()).contains("openluffy-broken-backup-29401560", "BackoffLimitExceeded",
        "kubectl logs job/openluffy-broken-backup-29401560 -n openluffy-broken");
    assertThat(status.getLastBackup().getResult()).isEqualTo("Failed");
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-broken-backup-29401560");
    assertThat(status.isTrue(ConditionType.READY)).isTrue();
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
  }

  @Test
  void newestFinishedJobWinsWhateverOrderTheEventsArriveIn() {
    var instance = cluster.createReady(MockCluster.instance("order", spec -> { }));
    runJob(instance, "openluffy-order-backup-3", "Failed", "2026-11-29T03:00:00Z");
    cluster.awaitCondition("order", ConditionType.LAST_BACKUP_SUCCEEDED, "False");

    // An older success reported late (e.g. after an operator restart) does not hide the newer failure ...
    runJob(instance, "openluffy-order-backup-1", "Complete", "2026-11-29T01:00:00Z");
    // ... a running Job does not count ...
    runJob(instance, "openluffy-order-backup-5", null, null);
    // ... and a newer success replaces it.
    runJob(instance, "openluffy-order-backup-4", "Complete", "2026-11-29T04:00:00Z");

    var status = cluster.awaitCondition("order", ConditionType.LAST_BACKUP_SUCCEEDED, "True").getStatus();
    assertThat(status.getLastBackup().getJob()).isEqualTo("openluffy-order-backup-4");
  }

  @Test
  void lastBackupOutlivesItsJob() {
    var instance = cluster.createReady(MockCluster.instance("history", spec -> { }));
    Job job = runJob(instance, "openluffy-history-backup-1", "Failed", "2026-11-29T02:00:00Z");
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
  }

  private static CronJob cronJob(OpenLuffyInstance instance) {
    return await().atMost(MockCluster.PATIENCE).until(() -> k8s.batch().v1().cronjobs()
        .inNamespace(instance.targetNamespace()).withName(BackupCronJobDependent.name(instance)).get(), c -> c != null);
  }

  /** Creates a Job from the CronJob's template and, when {@code outcome} is given, marks it finished then. */
  private static Job runJob(OpenLuffyInstance instance, String name, String outcome, String finishedAt) {
    var template = cronJob(instance).getSpec().getJobTemplate();
    Job job = k8s.resource(new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(instance.targetNamespace())
        .withLabels(template.getMetadata().getLabels()).endMetadata()
        .withSpec(template.getSpec())
        .build()).create();
    if (outcome == null) {
      job.setStatus(new JobStatusBuilder().withActive(1).build());
    } else {
      var condition = new JobConditionBuilder().withType(outcome).withStatus("True").withLastTransitionTime(finishedAt);
      if (outcome.equals("Failed")) {
        condition.withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit");
      }
      job.setStatus(new JobStatusBuilder()
          .withSucceeded(outcome.equals("Complete") ? 1 : 0).withFailed(outcome.equals("Failed") ? 3 : 0)
          .withCompletionTime(outcome.equals("Complete") ? finishedAt : null)
          .withConditions(condition.build()).build());
    }
    return k8s.resource(job).updateStatus();
  }
}
