package io.openluffy.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.kubernetes.model.annotation.Categories;

/** One isolated OpenLuffy deployment (one organization); cluster-scoped because it owns a whole namespace. */
@Group(OpenLuffyInstance.GROUP)
@Version(OpenLuffyInstance.VERSION)
@Kind("OpenLuffyInstance")
@Plural("openluffyinstances")
@ShortNames("oli")
@Categories("openluffy")
@AdditionalPrinterColumn(name = "ENV", jsonPath = ".spec.environment", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ENDPOINT", jsonPath = ".status.endpoint", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ADMIN", jsonPath = ".status.admin.email", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// CEL: "namespace" is a reserved word, written __namespace__. Rules on the root can read metadata.name, but cannot
// point fieldPath into metadata (no schema there), and reason takes only FieldValue{Invalid,Forbidden,Required,Duplicate}.
@ValidationRule(value = "size(self.metadata.name) <= " + OpenLuffyInstance.MAX_NAME_LENGTH,
    message = "metadata.name must be at most " + OpenLuffyInstance.MAX_NAME_LENGTH + " characters: it prefixes the"
        + " instance's StatefulSet and CronJob names, which Kubernetes limits to 52",
    reason = "FieldValueInvalid")
@ValidationRule(value = OpenLuffyInstance.NAMESPACE_IN_USE + " == " + OpenLuffyInstance.OLD_NAMESPACE_IN_USE,
    message = "spec.namespace is immutable: it may only name the namespace already in use (openluffy-<name> when it"
        + " was unset); moving an instance would leave its data behind. Create a new instance instead.",
    reason = "FieldValueForbidden", fieldPath = ".spec.namespace")
public class OpenLuffyInstance extends CustomResource<OpenLuffyInstanceSpec, OpenLuffyInstanceStatus> {

  public static final String GROUP = "openluffy.io";
  public static final String VERSION = "v1alpha1";
  /**
   * Longest instance name that can run: {@code openluffy-<name>-postgres} names a StatefulSet, whose pods carry the
   * label {@code controller-revision-hash: <name>-<hash of up to 10>}, and {@code openluffy-<name>-backup} a
   * CronJob, whose Jobs get 11 more characters; both must therefore stay within 52 (63 for a label value).
   */
  public static final int MAX_NAME_LENGTH = 52 - 19;
  static final String NAMESPACE_IN_USE = "(has(self.spec) && has(self.spec.__namespace__)"
      + " ? self.spec.__namespace__ : 'openluffy-' + self.metadata.name)";
  static final String OLD_NAMESPACE_IN_USE = "(has(oldSelf.spec) && has(oldSelf.spec.__namespace__)"
      + " ? oldSelf.spec.__namespace__ : 'openluffy-' + oldSelf.metadata.name)";

  /**
   * No spec on a new object. JOSDK adds its finalizer by server-side applying a fresh {@code OpenLuffyInstance};
   * a spec there (fabric8's default creates one) would make the operator's field manager own, and overwrite, the
   * user's spec.
   */
  @Override
  protected OpenLuffyInstanceSpec initSpec() {
    return null;
  }

  /** The spec, or an empty one (all defaults) when the resource has none. */
  public OpenLuffyInstanceSpec spec() {
    return getSpec() != null ? getSpec() : new OpenLuffyInstanceSpec();
  }

  /** The namespace this instance lives in: {@code spec.namespace}, or {@code openluffy-<name>}. */
  public String targetNamespace() {
    String configured = spec().getNamespace();
    return configured != null ? configured : "openluffy-" + getMetadata().getName();
  }

  /** The environment label ({@code spec.environment}), {@code dev} when unset. */
  public String environment() {
    return spec().environment();
  }
}
