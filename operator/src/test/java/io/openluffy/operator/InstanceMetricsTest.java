package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.VerifyCronJobDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.SecretForms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-instance series alerts are written against, scraped from the operator's /metrics as Prometheus reads them,
 * with the real operator on the mock API server. Tests play the CronJob and Job controllers for backups.
 */
class InstanceMetricsTest {

  private static final String PASSWORD = "metrics-admin-password-9";
  private static MockCluster cluster;
  private static OpenLuffyOperator operator;
  private static OperatorHttpServer http;

  @BeforeAll
  static void start() throws Exception {
    cluster = MockCluster.withoutOperator();
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The bootstrap of instance "failing" cannot even find its API server: a reconcile error, retried by JOSDK.
    operator = OpenLuffyOperator.create(cluster.client(), new OperatorConfig(MockCluster.OPERATOR_NAMESPACE, false,
        false, 0), registry, instance -> {
          if (instance.getMetadata().getName().equals("failing")) {
            throw new IllegalStateException("no route to the API server of failing");
          }
          return OpenLuffyOperator.inClusterApiServers().baseUrl(instance);
        }).start();
    http = OperatorHttpServer.start(0, registry, operator::isReady, operator::isAlive);
  }

  @AfterAll
  static void stop() {
    http.close();
    operator.close();
    cluster.close();
  }

  @Test
  void readyInstanceHasItsPhaseConditionsAndBackupScheduleAndLosesThemWhenDeleted() {
    var instance = cluster.createReady(MockCluster.instance("metrics", spec -> { }));

    String scrape = scrape();
    assertThat(sample(scrape, "openluffy_instance_phase", "metrics", "phase=\"Ready\"")).isEqualTo(1.0);
    assertThat(sample(scrape, "openluffy_instance_phase", "metrics", "phase=\"Provisioning\"")).isEqualTo(0.0);
    assertThat(sample(scrape, "openluffy_instance_condition", "metrics", "condition=\"Ready\"")).isEqualTo(1.0);
    assertThat(sample(scrape, "openluffy_instance_condition", "metrics", "condition=\"DatabaseReady\"")).isEqualTo(1.0);
    assertThat(sample(scrape, "openluffy_backup_interval_seconds", "metrics", null)).as("0 2 * * *").isEqualTo(86400.0);
    assertThat(sample(scrape, "openluffy_backup_last_failed", "metrics", null)).isEqualTo(0.0);
    assertThat(scrape).as("no backup has succeeded yet")
        .doesNotContain("openluffy_backup_last_success_timestamp_seconds{openluffy_instance=\"metrics\"}");
    assertThat(sample(scrape, "openluffy_backup_verification_last_failed", "metrics", null))
        .as("no spec.backup.verify").isNull();

    cluster.client().resources(OpenLuffyInstance.class).withName("metrics").delete();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.get("metrics") == null);

    assertThat(scrape()).doesNotContain("openluffy_instance=\"metrics\"");
  }

  @Test
  void backupSeriesFollowTheBackupJobs() {
    var instance = cluster.createReady(MockCluster.instance("backups", spec -> {
      spec.setBackup(new BackupSpec());
      spec.getBackup().setSchedule("30 1 * * 1-5");
    }));
    Instant succeeded = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    finishJob(instance, "openluffy-backups-backup-1", true, succeeded);
    await().atMost(MockCluster.PATIENCE).until(() -> sample(scrape(),
        "openluffy_backup_last_success_timestamp_seconds", "backups", null) != null);
    finishJob(instance, "openluffy-backups-backup-2", false, succeeded.plus(1, ChronoUnit.HOURS));
    await().atMost(MockCluster.PATIENCE).until(() -> Double.valueOf(1.0)
        .equals(sample(scrape(), "openluffy_backup_last_failed", "backups", null)));

    String scrape = scrape();
    assertThat(sample(scrape, "openluffy_backup_last_success_timestamp_seconds", "backups", null))
        .as("the last good dump, not the failed run").isEqualTo((double) succeeded.getEpochSecond());
    assertThat(sample(scrape, "openluffy_backup_interval_seconds", "backups", null))
        .as("weekdays only: Friday to Monday is the longest wait").isEqualTo(3 * 86400.0);
  }

  @Test
  void theVerificationSeriesFollowsTheVerificationJobsWhileVerifyIsSet() {
    var instance = cluster.createReady(MockCluster.instance("verified", spec -> {
      spec.setBackup(new BackupSpec());
      spec.getBackup().setVerify("0 4 * * 0");
    }));
    await().atMost(MockCluster.PATIENCE).until(() -> Double.valueOf(0.0)
        .equals(sample(scrape(), "openluffy_backup_verification_last_failed", "verified", null)));
    Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    finishJob(instance, VerifyCronJobDependent.name(instance), "openluffy-verified-verify-1", false, at);
    await().atMost(MockCluster.PATIENCE).until(() -> Double.valueOf(1.0)
        .equals(sample(scrape(), "openluffy_backup_verification_last_failed", "verified", null)));
    assertThat(sample(scrape(), "openluffy_backup_last_failed", "verified", null)).as("not a backup").isEqualTo(0.0);
    finishJob(instance, VerifyCronJobDependent.name(instance), "openluffy-verified-verify-2", true, at.plusSeconds(60));
    await().atMost(MockCluster.PATIENCE).until(() -> Double.valueOf(0.0)
        .equals(sample(scrape(), "openluffy_backup_verification_last_failed", "verified", null)));

    cluster.client().resources(OpenLuffyInstance.class).withName("verified").edit(i -> {
      i.getSpec().getBackup().setVerify(null);
      return i;
    });
    await().atMost(MockCluster.PATIENCE).until(() -> sample(scrape(), "openluffy_backup_verification_last_failed",
        "verified", null) == null);
  }

  @Test
  void reconcileErrorsAreCountedByJosdkWithoutTheAdminPassword() {
    cluster.client().resource(new SecretBuilder().withNewMetadata().withName("failing-admin")
        .withNamespace(MockCluster.OPERATOR_NAMESPACE).addToLabels(AdminSecretPolicy.LABEL, "failing").endMetadata()
        .withData(Map.of("email", base64("admin@failing.local"), "password", base64(PASSWORD))).build()).create();
    var instance = cluster.create(MockCluster.instance("failing",
        spec -> spec.setBootstrap(MockCluster.adminSecret(MockCluster.OPERATOR_NAMESPACE, "failing-admin"))));
    cluster.markDatabaseReady(instance);
    cluster.markApiServerAvailable(instance);

    // The series the operator's alert counts: JOSDK's, one per exception class (never its message).
    await().atMost(MockCluster.PATIENCE).until(() -> scrape().contains("operator_sdk_reconciliations_failed_total"
        + "{exception=\"IllegalStateException\",group=\"openluffy.io\",kind=\"OpenLuffyInstance\","));

    String scrape = scrape();
    assertThat(sample(scrape, "openluffy_instance_condition", "failing", "condition=\"Ready\"")).isEqualTo(0.0);
    assertThat(SecretForms.of(PASSWORD)).noneMatch(scrape::contains);
  }

  /** The value of the series {@code name{openluffy_instance="<instance>",<label>}}, null when it is not exposed. */
  private static Double sample(String scrape, String name, String instance, String label) {
    String labels = label == null ? "openluffy_instance=\"" + instance + "\""
        : label.compareTo("openluffy_instance") < 0 ? label + ",openluffy_instance=\"" + instance + "\""
        : "openluffy_instance=\"" + instance + "\"," + label;
    String prefix = name + "{" + labels + "} ";
    return scrape.lines().filter(line -> line.startsWith(prefix)).findFirst()
        .map(line -> Double.valueOf(line.substring(prefix.length()).trim())).orElse(null);
  }

  private static String scrape() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + http.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Plays the CronJob controller (a Job from the job template) and the Job controller (its end). */
  private static void finishJob(OpenLuffyInstance instance, String name, boolean succeeded, Instant at) {
    finishJob(instance, BackupCronJobDependent.name(instance), name, succeeded, at);
  }

  private static void finishJob(OpenLuffyInstance instance, String cronJob, String name, boolean succeeded,
      Instant at) {
    CronJob cron = await().atMost(MockCluster.PATIENCE).until(() -> cluster.client().batch().v1().cronjobs()
        .inNamespace(instance.targetNamespace()).withName(cronJob).get(), c -> c != null);
    Job job = cluster.client().resource(new JobBuilder().withNewMetadata().withName(name)
        .withNamespace(instance.targetNamespace()).withLabels(cron.getSpec().getJobTemplate().getMetadata().getLabels())
        .endMetadata().withSpec(cron.getSpec().getJobTemplate().getSpec()).build()).create();
    job.setStatus(new JobStatusBuilder().withStartTime(at.minusSeconds(30).toString())
        .withCompletionTime(succeeded ? at.toString() : null)
        .addNewCondition().withType(succeeded ? "Complete" : "Failed").withStatus("True")
        .withLastTransitionTime(at.toString()).endCondition().build());
    cluster.client().resource(job).updateStatus();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
