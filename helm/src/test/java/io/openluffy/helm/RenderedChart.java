package io.openluffy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The chart rendered by Helm itself (helm template), as raw documents and as typed objects. */
record RenderedChart(String yaml, List<JsonNode> documents, List<HasMetadata> objects) {

  static final String RELEASE = "openluffy";
  static final String NAMESPACE = "openluffy";
  private static final Map<String, RenderedChart> BY_VALUES_FILE = new ConcurrentHashMap<>();

  /** Renders with the chart defaults, then each values file in order, then the --set pairs. */
  static RenderedChart render(List<Path> valuesFiles, Map<String, Object> sets) {
    TemplateCommand template = new Helm(RepoPaths.CHART).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE);
    valuesFiles.forEach(template::withValuesFile);
    sets.forEach(template::set);
    String yaml = template.call();
    List<JsonNode> documents = Manifests.documents(yaml);
    return new RenderedChart(yaml, documents, Manifests.typed(documents));
  }

  /** The chart with one values file (null: the defaults), rendered once per test run. */
  static RenderedChart render(Path valuesFile) {
    return BY_VALUES_FILE.computeIfAbsent(String.valueOf(valuesFile),
        key -> render(valuesFile == null ? List.of() : List.of(valuesFile), Map.of()));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T single(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
    }
    return found.get(0);
  }
}
