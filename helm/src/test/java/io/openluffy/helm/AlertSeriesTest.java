package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.testing.MockCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator series the alerts and the dashboard query are the ones the real operator exposes: a renamed metric
 * would otherwise leave an alert that can never fire, with its promtool tests (written against the names) still green.
 */
class AlertSeriesTest {

  /** Operator series in the queries; the API server's openluffy_http_* are documented in api-server/README.md. */
  private static final Pattern OPERATOR_SERIES = Pattern.compile("\\b((?:openluffy_instance|openluffy_backup"
      + "|operator_sdk)_[a-z_]+)\\b(?=\\s*[{\\[)]|\\s*$|\\s)");
  /** Exposed only after the event they count; the operator's InstanceMetricsTest scrapes them after it. */
  private static final Set<String> AFTER_AN_EVENT = Set.of("openluffy_backup_last_success_timestamp_seconds",
      "operator_sdk_reconciliations_failed_total");

  @Test
  void everyOperatorSeriesTheRulesAndTheDashboardQueryIsExposedByTheOperator() {
    RenderedChart chart = RenderedChart.render(List.of(), Map.of("metrics.prometheusRule.enabled", true,
        "metrics.grafanaDashboard.enabled", true));
    Set<String> queried = new TreeSet<>();
    Matcher names = OPERATOR_SERIES.matcher(chart.yaml());
    while (names.find()) {
      queried.add(names.group(1));
    }
    queried.remove("openluffy_instance");
    String scrape = scrapeOfAReadyInstance();

    assertThat(queried).contains("openluffy_instance_condition", "openluffy_backup_interval_seconds",
        "openluffy_backup_last_failed", "openluffy_instance_phase", "operator_sdk_reconciliations_failed_total",
        "openluffy_backup_verification_last_failed");
    assertThat(queried).filteredOn(name -> !AFTER_AN_EVENT.contains(name))
        .allSatisfy(name -> assertThat(scrape).as("the operator's /metrics").contains("\n" + name + "{"));
  }

  private static String scrapeOfAReadyInstance() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MockCluster cluster = MockCluster.withoutOperator();
        OpenLuffyOperator operator = OpenLuffyOperator.create(cluster.client(),
            new OperatorConfig(MockCluster.OPERATOR_NAMESPACE, false, false, 0), registry).start()) {
      // with restore verification on, which its series needs
      cluster.createReady(MockCluster.instance("alerted", spec -> {
        spec.setBackup(new BackupSpec());
        spec.getBackup().setVerify("0 4 * * 0");
      }));
      return registry.scrape();
    }
  }
}
