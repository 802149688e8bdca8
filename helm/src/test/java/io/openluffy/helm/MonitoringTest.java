package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.reconciler.InstanceMetrics;
import io.openluffy.operator.testing.MockCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PodMonitor, the dashboard and the switches that turn monitoring on, each off by default. */
class MonitoringTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void monitoringIsOffByDefault() {
    RenderedChart chart = RenderedChart.render(null);

    assertThat(chart.documents()).extracting(doc -> doc.path("kind").asText())
        .doesNotContain("PodMonitor", "PrometheusRule", "ServiceMonitor");
    assertThat(chart.all(ConfigMap.class)).isEmpty();
  }

  @Test
  void podMonitorScrapesTheApiServerPodsTheOperatorCreates() {
    JsonNode monitor = document(Map.of("metrics.podMonitor.enabled", true), "PodMonitor");
    PodTemplateSpec pods;
    try (MockCluster cluster = MockCluster.start()) {
      OpenLuffyInstance instance = cluster.createReady(MockCluster.instance("scraped", spec -> { }));
      pods = cluster.client().apps().deployments().inNamespace(instance.targetNamespace())
          .withName(ApiDeploymentDependent.name(instance)).get().getSpec().getTemplate();
    }
    JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
    Map<String, String> selector = JSON.convertValue(monitor.path("spec").path("selector").path("matchLabels"),
        JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));

    assertThat(monitor.path("spec").path("namespaceSelector").path("any").asBoolean()).as("every instance namespace")
        .isTrue();
    assertThat(pods.getMetadata().getLabels()).containsAllEntriesOf(selector)
        .containsEntry("app.kubernetes.io/instance", "scraped");
    assertThat(pods.getSpec().getContainers()).flatExtracting(c -> c.getPorts())
        .anySatisfy(port -> {
          assertThat(port.getName()).isEqualTo(endpoint.path("port").asText());
          assertThat(port.getContainerPort()).isEqualTo(ApiDeploymentDependent.PORT);
        });
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.path("relabelings").get(0).path("sourceLabels").get(0).asText())
        .as("the instance label, as Prometheus names pod labels")
        .isEqualTo("__meta_kubernetes_pod_label_app_kubernetes_io_instance");
    assertThat(endpoint.path("relabelings").get(0).path("targetLabel").asText()).isEqualTo(InstanceMetrics.LABEL);
  }

  @Test
  void dashboardIsAConfigMapForTheSidecarWhosePanelQueriesPromtoolAccepts() throws IOException {
    ConfigMap configMap = RenderedChart.render(List.of(), Map.of("metrics.grafanaDashboard.enabled", true,
        "metrics.grafanaDashboard.annotations.grafana_folder", "OpenLuffy")).single(ConfigMap.class);
    JsonNode dashboard = JSON.readTree(configMap.getData().get("openluffy-instances.json"));
    List<String> exprs = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));

    assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "OpenLuffy");
    assertThat(dashboard.path("panels")).extracting(p -> p.path("title").asText()).contains("Instances by phase",
        "Age of the last good backup", "API requests per second", "API latency (mean and max)",
        "API errors per second (5xx, 4xx)");
    assertThat(exprs).allMatch(e -> !e.isBlank());
    Path rules = Files.createDirectories(RepoPaths.ROOT.resolve("helm/target/promtool")).resolve("dashboard.rules.yaml");
    Files.writeString(rules, Manifests.YAML.writeValueAsString(recordingRules(exprs)));
    Promtool.Result result = Promtool.run(rules.getParent(), "check", "rules", rules.getFileName().toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  /** Each panel query as a recording rule, Grafana's $instance variable as its "All" value: what promtool parses. */
  private static ObjectNode recordingRules(List<String> exprs) {
    ObjectNode file = JSON.createObjectNode();
    var rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
    for (int i = 0; i < exprs.size(); i++) {
      rules.addObject().put("record", "openluffy:dashboard_panel_" + i).put("expr", exprs.get(i).replace("$instance", ".*"));
    }
    return file;
  }

  private static JsonNode document(Map<String, Object> sets, String kind) {
    return RenderedChart.render(List.of(), sets).documents().stream()
        .filter(doc -> doc.path("kind").asText().equals(kind)).findFirst().orElseThrow();
  }
}
