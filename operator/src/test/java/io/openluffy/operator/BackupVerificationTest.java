package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.dependent.VerifyCronJobDependent;
import io.openluffy.operator.testing.JobRuns;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * spec.backup.verify on the mock: the verification CronJob, and status.lastVerification / BackupVerified from its
 * Jobs. The tests play the CronJob controller, the Job controller and the kubelet (see {@link JobRuns}).
 */
class BackupVerificationTest extends MockClusterTest {

  private static final Instant START = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
  private static final String WEEKLY = "0 4 * * 0";

  @Test
  void theVerificationCronJobRunsVerifyShInABackupPodOnlyWhileVerifyIsSet() {
    var instance = cluster.createReady(MockCluster.instance("sched", spec -> { }));
    assertThat(verifyCronJob(instance)).as("off when unset").isNull();

    k8s.resources(OpenLuffyInstance.class).withName("sched").edit(i -> {
      i.getSpec().setBackup(verifying(WEEKLY));
      return i;
    });

    CronJob cron = await().atMost(MockCluster.PATIENCE).until(() -> verifyCronJob(instance), c -> c != null);
    assertThat(cron.getSpec().getSchedule()).isEqualTo(WEEKLY);
    assertThat(cron.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cron.getSpec().getJobTemplate().getMetadata().getLabels())
        .as("its Jobs are not counted as backups").containsEntry(InstanceLabels.COMPONENT, "verify");
    var job = cron.getSpec().getJobTemplate().getSpec();
    assertThat(job.getBackoffLimit()).isZero();
    assertThat(job.getActiveDeadlineSeconds()).isEqualTo(3600L);
    assertThat(job.getTemplate().getMetadata().getLabels())
        .as("a backup pod: the backup NetworkPolicy and PostgreSQL's admit it")
        .containsEntry(InstanceLabels.COMPONENT, "backup");
    var pod = job.getTemplate().getSpec();
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
    var container = pod.getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("sh", "/scripts/verify.sh");
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/backups")).singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).as("it only reads the dumps").isTrue());
    var backupPod = backupCronJob(instance).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).as("the backup pod's volume, scripts, scratch").isEqualTo(backupPod.getVolumes());
    assertThat(pod.getSecurityContext()).isEqualTo(backupPod.getSecurityContext());
    assertThat(container.getImage()).isEqualTo(backupPod.getContainers().get(0).getImage());
    assertThat(container.getEnv()).as("the superuser's libpq variables")
        .containsAll(backupPod.getContainers().get(0).getEnv().stream()
            .filter(e -> e.getName().startsWith("PG")).toList());

    k8s.resources(OpenLuffyInstance.class).withName("sched").edit(i -> {
      i.getSpec().getBackup().setVerify(null);
      return i;
    });
    await().atMost(MockCluster.PATIENCE).until(() -> verifyCronJob(instance) == null);
    assertThat(backupCronJob(instance)).as("backups go on").isNotNull();
  }

  @Test
  void aFinishedVerificationShowsItsDumpTablesAndRowsAndAFailureSaysWhy() {
    var instance = cluster.createReady(MockCluster.instance("checked", spec -> spec.setBackup(verifying(WEEKLY))));
    CronJob cron = await().atMost(MockCluster.PATIENCE).until(() -> verifyCronJob(instance), c -> c != null);

    Job first = job(instance, cron, "openluffy-checked-verify-1");
    JobRuns.podExited(k8s, first, BackupJob.VERIFY_CONTAINER, 0,
        "{\"dump\":\"openluffy-20261201T020000Z-a.dump\",\"tables\":3,\"rows\":172000,\"seconds\":9}\n");
    JobRuns.completed(k8s, first, START, START.plusSeconds(9));

    var status = cluster.awaitCondition("checked", ConditionType.BACKUP_VERIFIED, "True").getStatus();
    var verified = status.condition(ConditionType.BACKUP_VERIFIED).orElseThrow();
    assertThat(verified.getReason()).isEqualTo("VerificationSucceeded");
    assertThat(verified.getMessage()).contains("openluffy-20261201T020000Z-a.dump", "3 tables, 172000 rows");
    var last = status.getLastVerification();
    assertThat(last.getJob()).isEqualTo("openluffy-checked-verify-1");
    assertThat(last.getResult()).isEqualTo("Succeeded");
    assertThat(last.getDump()).isEqualTo("openluffy-20261201T020000Z-a.dump");
    assertThat(last.getTables()).isEqualTo(3L);
    assertThat(last.getRows()).isEqualTo(172_000L);
    assertThat(last.getTime()).isEqualTo(START.plusSeconds(9).toString());
    assertThat(status.getLastBackup()).as("a verification is not a backup").isNull();
    assertThat(status.condition(ConditionType.LAST_BACKUP_SUCCEEDED)).isEmpty();

    Job second = job(instance, cron, "openluffy-checked-verify-2");
    String line = "verify failed: openluffy-20261201T030000Z-b.dump does not restore into the scratch database"
        + " openluffy_verify_20261201t040000z_0a1b2c3d: restoring openluffy-20261201T030000Z-b.dump into"
        + " openluffy_verify_20261201t040000z_0a1b2c3d on openluffy-checked-postgres.openluffy-checked.svc:5432"
        + " (nothing was changed): ERROR:  role \"reporter\" does not exist";
    JobRuns.podExited(k8s, second, BackupJob.VERIFY_CONTAINER, 1, "dropped leftover: x\n" + line + "\n");
    JobRuns.failed(k8s, second, START.plusSeconds(60), START.plusSeconds(70));

    status = cluster.awaitCondition("checked", ConditionType.BACKUP_VERIFIED, "False").getStatus();
    var failed = status.condition(ConditionType.BACKUP_VERIFIED).orElseThrow();
    assertThat(failed.getReason()).isEqualTo("VerificationFailed");
    assertThat(failed.getMessage()).contains("openluffy-checked-verify-2", "BackoffLimitExceeded", line,
        "kubectl logs job/openluffy-checked-verify-2 -n openluffy-checked").doesNotContain("dropped leftover");
    assertThat(status.getLastVerification().getResult()).isEqualTo("Failed");
    assertThat(status.getLastVerification().getJob()).isEqualTo("openluffy-checked-verify-2");
    assertThat(status.getLastVerification().getDump()).isNull();
    assertThat(status.isTrue(ConditionType.READY)).as("informational").isTrue();
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);

    // Switched off: nothing will refresh the verdict, so it goes.
    k8s.resources(OpenLuffyInstance.class).withName("checked").edit(i -> {
      i.getSpec().getBackup().setVerify(null);
      return i;
    });
    var off = await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("checked").getStatus(),
        s -> s.condition(ConditionType.BACKUP_VERIFIED).isEmpty());
    assertThat(off.getLastVerification()).isNull();
  }

  @Test
  void noSuccessfulVerificationForTwoScheduledRunsIsStaleUntilOneSucceeds() {
    var instance = cluster.createReady(MockCluster.instance("unchecked", spec -> spec.setBackup(verifying(WEEKLY))));
    CronJob cron = await().atMost(MockCluster.PATIENCE).until(() -> verifyCronJob(instance), c -> c != null);
    Instant fifteenDaysAgo = Instant.now().minus(Duration.ofDays(15)).truncatedTo(ChronoUnit.SECONDS);

    Job old = job(instance, cron, "openluffy-unchecked-verify-1");
    JobRuns.podExited(k8s, old, BackupJob.VERIFY_CONTAINER, 0,
        "{\"dump\":\"openluffy-20261116T020000Z-a.dump\",\"tables\":3,\"rows\":172000,\"seconds\":9}\n");
    JobRuns.completed(k8s, old, fifteenDaysAgo.minusSeconds(9), fifteenDaysAgo);

    var stale = awaitReason(instance, "VerificationStale");
    assertThat(stale.getStatus()).isEqualTo("False");
    assertThat(stale.getMessage()).contains("The last successful verification was at " + fifteenDaysAgo,
        "two scheduled runs (\"0 4 * * 0\", UTC) have passed without one",
        "kubectl get jobs -n openluffy-unchecked -l app.kubernetes.io/component=verify");
    var last = cluster.get("unchecked").getStatus().getLastVerification();
    assertThat(last.getLastSuccessTime()).isEqualTo(fifteenDaysAgo.toString());
    assertThat(last.getDump()).isEqualTo("openluffy-20261116T020000Z-a.dump");
    assertThat(cluster.get("unchecked").getStatus().isTrue(ConditionType.READY)).as("informational").isTrue();

    Job fresh = job(instance, cron, "openluffy-unchecked-verify-2");
    JobRuns.completed(k8s, fresh, START, START.plusSeconds(9));
    var status = cluster.awaitCondition("unchecked", ConditionType.BACKUP_VERIFIED, "True").getStatus();
    assertThat(status.getLastVerification().getLastSuccessTime()).isEqualTo(START.plusSeconds(9).toString());
  }

  @Test
  void aVerificationPastItsDeadlineIsStale() {
    var instance = cluster.createReady(MockCluster.instance("overdue", spec -> spec.setBackup(verifying(WEEKLY))));
    CronJob cron = await().atMost(MockCluster.PATIENCE).until(() -> verifyCronJob(instance), c -> c != null);
    Instant started = Instant.now().minus(Duration.ofMinutes(61)).truncatedTo(ChronoUnit.SECONDS);

    Job hung = JobRuns.started(k8s, job(instance, cron, "openluffy-overdue-verify-1"), started);

    assertThat(awaitReason(instance, "VerificationStale").getMessage()).contains("Verification Job"
        + " openluffy-overdue-verify-1 has been running since " + started + ", past its deadline of 3600 s; later"
        + " verifications wait for it", "kubectl logs job/openluffy-overdue-verify-1 -n openluffy-overdue");

    // the Job controller stops it
    JobRuns.stoppedAtDeadline(k8s, hung, started, started.plusSeconds(3600));
    var stopped = await().atMost(MockCluster.PATIENCE).until(() -> condition(instance),
        c -> c.getMessage() != null && c.getMessage().contains("was stopped"));
    assertThat(stopped.getReason()).isEqualTo("VerificationStale");
    assertThat(stopped.getMessage()).contains("Verification Job openluffy-overdue-verify-1 was stopped at its deadline"
        + " of 3600 s (spec.backup.deadlineSeconds)");
  }

  /** A CronJob that stops starting Jobs changes nothing in the cluster: the operator must look again in time. */
  @Test
  void aVerificationTurnsStaleOnTimeWithoutAnyEvent() {
    var instance = cluster.createReady(MockCluster.instance("clocked", spec -> spec.setBackup(verifying("* * * * *"))));
    CronJob cron = await().atMost(MockCluster.PATIENCE).until(() -> verifyCronJob(instance), c -> c != null);
    // Stale at the start of the next minute: two every-minute runs after this success have then passed.
    Instant nextMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    Instant verified = nextMinute.minus(Duration.ofSeconds(119));
    JobRuns.completed(k8s, job(instance, cron, "openluffy-clocked-verify-1"), verified.minusSeconds(9), verified);
    cluster.awaitCondition("clocked", ConditionType.BACKUP_VERIFIED, "True");

    var stale = await().atMost(Duration.ofSeconds(75)).until(() -> condition(instance),
        c -> c.getReason().equals("VerificationStale"));
    assertThat(Instant.now()).isAfterOrEqualTo(nextMinute);
    assertThat(stale.getStatus()).isEqualTo("False");
  }

  private static Condition condition(OpenLuffyInstance instance) {
    return cluster.get(instance.getMetadata().getName()).getStatus().condition(ConditionType.BACKUP_VERIFIED)
        .orElse(new Condition());
  }

  private static Condition awaitReason(OpenLuffyInstance instance, String reason) {
    return await().atMost(MockCluster.PATIENCE).until(() -> condition(instance), c -> reason.equals(c.getReason()));
  }

  private static BackupSpec verifying(String schedule) {
    var backup = new BackupSpec();
    backup.setVerify(schedule);
    return backup;
  }

  /** Plays the CronJob controller: a Job from the job template. */
  private static Job job(OpenLuffyInstance instance, CronJob cron, String name) {
    var template = cron.getSpec().getJobTemplate();
    return k8s.resource(new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(instance.targetNamespace())
        .withLabels(template.getMetadata().getLabels()).endMetadata()
        .withSpec(template.getSpec())
        .build()).create();
  }

  private static CronJob verifyCronJob(OpenLuffyInstance instance) {
    return k8s.batch().v1().cronjobs().inNamespace(instance.targetNamespace())
        .withName(VerifyCronJobDependent.name(instance)).get();
  }

  private static CronJob backupCronJob(OpenLuffyInstance instance) {
    return k8s.batch().v1().cronjobs().inNamespace(instance.targetNamespace())
        .withName(BackupCronJobDependent.name(instance)).get();
  }
}
