package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerts, checked by Prometheus's own promtool (Debian package prometheus): the rendered PrometheusRule's
 * groups must pass {@code promtool check rules}, and src/test/promtool/openluffy-alerts.test.yaml's unit tests, which
 * give every alert a case where it fires and one where it does not, must pass {@code promtool test rules}.
 */
class PrometheusRuleTest {

  static final Path TESTS = RepoPaths.ROOT.resolve("helm/src/test/promtool/openluffy-alerts.test.yaml");
  private static final Path WORK = RepoPaths.ROOT.resolve("helm/target/promtool");
  private static final Path RULES = WORK.resolve("openluffy-alerts.rules.yaml");
  private static JsonNode rule;

  @BeforeAll
  static void renderRules() throws IOException {
    rule = RenderedChart.render(List.of(), Map.of("metrics.prometheusRule.enabled", true)).documents().stream()
        .filter(doc -> doc.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow();
    Files.createDirectories(WORK);
    // promtool reads the Prometheus rule-file format: the PrometheusRule's spec is exactly that.
    Files.writeString(RULES, Manifests.YAML.writeValueAsString(rule.path("spec")));
    Files.copy(TESTS, WORK.resolve(TESTS.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void promtoolAcceptsTheRenderedRules() {
    Promtool.Result result = Promtool.run(WORK, "check", "rules", RULES.getFileName().toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void promtoolUnitTestsOfEveryAlertPass() {
    Promtool.Result result = Promtool.run(WORK, "test", "rules", TESTS.getFileName().toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void everyAlertHasACaseWhereItFiresAndOneWhereItDoesNot() {
    Set<String> fires = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (JsonNode test : Manifests.documents(TESTS).get(0).path("tests")) {
      for (JsonNode eval : test.path("alert_rule_test")) {
        (eval.path("exp_alerts").isEmpty() ? silent : fires).add(eval.path("alertname").asText());
      }
    }

    assertThat(fires).as("alerts with a firing case").isEqualTo(alerts());
    assertThat(silent).as("alerts with a case where they do not fire").isEqualTo(alerts());
  }

  @Test
  void everyAlertLinksToItsRunbookInTheReadme() throws IOException {
    String readme = Files.readString(RepoPaths.ROOT.resolve("helm/README.md"));
    for (JsonNode alert : alertRules()) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("annotations").path("runbook_url").asText()).as(name)
          .endsWith("helm/README.md#" + name.toLowerCase(java.util.Locale.ROOT));
      assertThat(readme).as("runbook section of " + name).contains("\n#### " + name + "\n");
    }
  }

  private static Set<String> alerts() {
    Set<String> names = new TreeSet<>();
    alertRules().forEach(alert -> names.add(alert.path("alert").asText()));
    return names;
  }

  private static List<JsonNode> alertRules() {
    return StreamSupport.stream(rule.path("spec").path("groups").spliterator(), false)
        .flatMap(group -> StreamSupport.stream(group.path("rules").spliterator(), false)).toList();
  }
}
