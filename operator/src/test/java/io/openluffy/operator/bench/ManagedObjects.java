package io.openluffy.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.InstanceLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the operator created, read back from its server and grouped per instance (the instance first, then
 * its namespace, then the rest), stripped of what the server sets, so another client can create the same set.
 */
final class ManagedObjects {

  private ManagedObjects() {
  }

  static List<List<HasMetadata>> byInstance(KubernetesClient source) {
    Map<String, List<HasMetadata>> groups = new LinkedHashMap<>();
    KubernetesSerialization json = source.getKubernetesSerialization();
    source.resources(OpenLuffyInstance.class).list().getItems()
        .forEach(i -> groups.computeIfAbsent(i.getMetadata().getName(), n -> new ArrayList<>()).add(asNew(json, i)));
    String selector = InstanceLabels.MANAGED_SELECTOR;
    Stream.<List<? extends HasMetadata>>of(
        source.namespaces().withLabelSelector(selector).list().getItems(),
        source.secrets().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.services().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.persistentVolumeClaims().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.apps().statefulSets().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.apps().deployments().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.network().networkPolicies().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.network().v1().ingresses().inAnyNamespace().withLabelSelector(selector).list().getItems(),
        source.batch().v1().cronjobs().inAnyNamespace().withLabelSelector(selector).list().getItems())
        .flatMap(List::stream)
        .filter(o -> !madeByController(o))
        .forEach(o -> groups.computeIfAbsent(o.getMetadata().getLabels().get(InstanceLabels.INSTANCE),
            n -> new ArrayList<>()).add(asNew(json, o)));
    return List.copyOf(groups.values());
  }

  /**
   * What a built-in controller of a real server made, not the operator: the database claim the StatefulSet
   * controller creates from its claim template carries the instance's labels too.
   */
  private static boolean madeByController(HasMetadata object) {
    var fields = object.getMetadata().getManagedFields();
    return fields != null && !fields.isEmpty()
        && fields.stream().allMatch(f -> "kube-controller-manager".equals(f.getManager()));
  }

  /**
   * The object as a client would first send it: no status, no server-assigned metadata, and none of what a real
   * server assigns in the spec (a Service's cluster IP, a claim's bound volume), which a copy cannot reuse.
   */
  @SuppressWarnings("unchecked")
  private static HasMetadata asNew(KubernetesSerialization json, HasMetadata object) {
    Map<String, Object> tree = json.convertValue(object, Map.class);
    tree.remove("status");
    Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
    Stream.of("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "finalizers")
        .forEach(metadata::remove);
    if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
      annotations.keySet().removeIf(k -> k.toString().startsWith("pv.kubernetes.io/")
          || k.toString().startsWith("volume.kubernetes.io/") || k.toString().startsWith("volume.beta.kubernetes.io/"));
    }
    if (tree.get("spec") instanceof Map<?, ?> spec) {
      spec.remove("volumeName");
      if (!"None".equals(spec.get("clusterIP"))) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
    }
    return json.convertValue(tree, object.getClass());
  }
}
