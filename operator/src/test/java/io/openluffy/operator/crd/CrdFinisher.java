package io.openluffy.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build step (exec-maven-plugin, process-test-classes) finishing what the fabric8 generator (7.5.2) cannot say:
 * <ul>
 *   <li>the printer columns in the order the {@code @AdditionalPrinterColumn} annotations of the resource class (the
 *   class of this package named after the CRD's kind) are declared (the generator sorts them by JSON path, and kubectl
 *   prints columns in the CRD's order);</li>
 *   <li>annotations that keep the CRD when its release or Argo CD Application goes: deleting the CRD deletes every
 *   resource of it; for instances with {@code deletionPolicy: Delete}, their data.</li>
 * </ul>
 */
public final class CrdFinisher {

  static final String HEADER = "# Generated from the crd package (fabric8 CRD generator, finished by CrdFinisher:"
      + " printer columns in declared order, kept on uninstall)\n";
  /** Refreshes crds/ (and the chart's copy) from what this step wrote; run from the repository root. */
  public static final String REFRESH = "mvn -B -ntp -pl operator -am process-test-classes && cp"
      + " operator/target/classes/META-INF/fabric8/*.yml crds/ && cp crds/*.yml helm/openluffy/charts/crds/crds/ && cp"
      + " operator/target/" + CrdReference.FILE + " operator/docs/";
  /** helm uninstall leaves it; Argo CD's prune and its resources finalizer never delete it. */
  static final Map<String, String> PROTECTION = new TreeMap<>(Map.of("helm.sh/resource-policy", "keep",
      "argocd.argoproj.io/sync-options", "Delete=false"));

  private CrdFinisher() {
  }

  /** The column names as declared on {@code resource}. */
  static List<String> declared(Class<?> resource) {
    return Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
  }

  /** {@code args}: the reference file to write, then each generated CRD file to finish. */
  public static void main(String[] args) throws IOException, ClassNotFoundException {
    List<CustomResourceDefinition> finished = new ArrayList<>();
    for (String arg : Arrays.asList(args).subList(1, args.length)) {
      finished.add(finish(Path.of(arg)));
    }
    Path reference = Path.of(args[0]);
    Files.createDirectories(reference.getParent());
    Files.writeString(reference, CrdReference.render(finished, REFRESH));
  }

  private static CustomResourceDefinition finish(Path file) throws IOException, ClassNotFoundException {
    var serialization = new KubernetesSerialization();
    var crd = serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    String kind = crd.getSpec().getNames().getKind();
    List<String> order = declared(Class.forName(CrdFinisher.class.getPackageName() + "." + kind));
    for (var version : crd.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (!order.containsAll(columns.stream().map(CustomResourceColumnDefinition::getName).toList())) {
        throw new IllegalStateException("printer columns " + columns + " are not all declared on " + kind);
      }
      columns.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
    }
    PROTECTION.forEach((key, value) -> crd.getMetadata().getAnnotations().put(key, value));
    String yaml = serialization.asYaml(crd);
    Files.writeString(file, HEADER + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml));
    return crd;
  }
}
