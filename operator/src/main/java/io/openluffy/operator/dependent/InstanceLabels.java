package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels of design §7 and the metadata every managed object starts from. */
public final class InstanceLabels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String ENVIRONMENT = "openluffy.io/environment";
  /** On the namespace only: which instance created it, so a new instance of the same name is told apart. */
  public static final String INSTANCE_UID = "openluffy.io/instance-uid";
  public static final String OPERATOR = "openluffy-operator";
  /** Informers only see objects carrying this, so the operator does not cache every Secret of the cluster. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;
  /*
   * Where the operator manages several objects of one kind (four NetworkPolicies, two Secrets, two Services), each
   * dependent's informer is narrowed to its own objects; with MANAGED_SELECTOR alone every informer of the kind
   * cached, and deserialised every event of, all of them. The component label has been on these objects since the
   * first release, so objects created before this narrowing are still found.
   */
  public static final String API_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=api";
  public static final String POSTGRES_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=postgres";
  public static final String BACKUP_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=backup";
  public static final String VERIFY_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=verify";
  /** Objects of the instance as a whole, which carry no component label (the default-deny policy). */
  public static final String INSTANCE_WIDE_SELECTOR = MANAGED_SELECTOR + ",!" + COMPONENT;

  private InstanceLabels() {
  }

  /** Labels of objects that belong to the instance as a whole (namespace, default-deny policy). */
  public static Map<String, String> of(OpenLuffyInstance instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "openluffy");
    labels.put(INSTANCE, instance.getMetadata().getName());
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(PART_OF, "openluffy");
    labels.put(ENVIRONMENT, instance.environment());
    return labels;
  }

  public static Map<String, String> of(OpenLuffyInstance instance, Component component) {
    Map<String, String> labels = of(instance);
    labels.put(COMPONENT, component.label());
    return labels;
  }

  /** Stable pod selector: never includes labels a user may change (environment), as selectors are immutable. */
  public static Map<String, String> selector(OpenLuffyInstance instance, Component component) {
    return Map.of(NAME, "openluffy", INSTANCE, instance.getMetadata().getName(), COMPONENT, component.label());
  }

  public static ObjectMeta metadata(OpenLuffyInstance instance, String name, Component component) {
    return new ObjectMetaBuilder().withName(name).withNamespace(instance.targetNamespace())
        .withLabels(of(instance, component)).build();
  }

  /** Prefix of every namespaced object's name: {@code openluffy-<instance name>}. */
  public static String prefix(OpenLuffyInstance instance) {
    return "openluffy-" + instance.getMetadata().getName();
  }
}
