package io.openluffy.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
public class OpenLuffyInstance extends CustomResource<OpenLuffyInstanceSpec, OpenLuffyInstanceStatus> {

  public static final String GROUP = "openluffy.io";
  public static final String VERSION = "v1alpha1";

  @Override
  protected OpenLuffyInstanceSpec initSpec() {
    return new OpenLuffyInstanceSpec();
  }

  /** The namespace this instance lives in: {@code spec.namespace}, or {@code openluffy-<name>}. */
  public String targetNamespace() {
    String configured = getSpec() == null ? null : getSpec().getNamespace();
    return configured != null ? configured : "openluffy-" + getMetadata().getName();
  }

  /** The environment label ({@code spec.environment}), {@code dev} when unset. */
  public String environment() {
    String env = getSpec() == null ? null : getSpec().getEnvironment();
    return env != null ? env : "dev";
  }
}
