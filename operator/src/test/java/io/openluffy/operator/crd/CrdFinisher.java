package io.openluffy.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build step (exec-maven-plugin, process-test-classes) finishing what the fabric8 generator (7.5.2) cannot say:
 * <ul>
 *   <li>the printer columns in the order the {@code @AdditionalPrinterColumn} annotations of {@link OpenLuffyInstance}
 *   are declared (the generator sorts them by JSON path, and kubectl prints columns in the CRD's order);</li>
 *   <li>annotations that keep the CRD when its release or Argo CD Application goes: deleting the CRD deletes every
 *   instance, and with {@code deletionPolicy: Delete} their data.</li>
 * </ul>
 */
public final class CrdFinisher {

  static final String HEADER = "# Generated from the crd package (fabric8 CRD generator, finished by CrdFinisher:"
      + " printer columns in declared order, kept on uninstall)\n";
  /** helm uninstall leaves it; Argo CD's prune and its resources finalizer never delete it. */
  static final Map<String, String> PROTECTION = new TreeMap<>(Map.of("helm.sh/resource-policy", "keep",
      "argocd.argoproj.io/sync-options", "Delete=false"));

  private CrdFinisher() {
  }

  /** The column names as declared on {@link OpenLuffyInstance}. */
  static List<String> declared() {
    return Arrays.stream(OpenLuffyInstance.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    var serialization = new KubernetesSerialization();
    var crd = serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    List<String> order = declared();
    for (var version : crd.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (!order.containsAll(columns.stream().map(CustomResourceColumnDefinition::getName).toList())) {
        throw new IllegalStateException("printer columns " + columns + " are not all declared on OpenLuffyInstance");
      }
      columns.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
    }
    PROTECTION.forEach((key, value) -> crd.getMetadata().getAnnotations().put(key, value));
    String yaml = serialization.asYaml(crd);
    Files.writeString(file, HEADER + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml));
  }
}
