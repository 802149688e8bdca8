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
 * Everything the operator created, read back from a mock server and grouped per instance (the instance first, then
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
        .forEach(o -> groups.computeIfAbsent(o.getMetadata().getLabels().get(InstanceLabels.INSTANCE),
            n -> new ArrayList<>()).add(asNew(json, o)));
    return List.copyOf(groups.values());
  }

  /** The object as a client would first send it: no status, no server-assigned metadata. */
  @SuppressWarnings("unchecked")
  private static HasMetadata asNew(KubernetesSerialization json, HasMetadata object) {
    Map<String, Object> tree = json.convertValue(object, Map.class);
    tree.remove("status");
    Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
    Stream.of("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "finalizers")
        .forEach(metadata::remove);
    return json.convertValue(tree, object.getClass());
  }
}
