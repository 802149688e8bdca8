package io.openluffy.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A restore of an instance's database from one dump, in its namespace; never repeated. */
@Group(OpenLuffyInstance.GROUP)
@Version(OpenLuffyInstance.VERSION)
@Kind("OpenLuffyRestore")
@Plural("openluffyrestores")
@ShortNames("olr")
@Categories("openluffy")
@AdditionalPrinterColumn(name = "INSTANCE", jsonPath = ".spec.instance", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DUMP", jsonPath = ".spec.dump", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SOURCE", jsonPath = ".spec.source", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "RESTORED", jsonPath = ".status.dump", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec.instance and spec.dump are required",
    reason = "FieldValueRequired")
@ValidationRule(value = "size(self.metadata.name) <= 63", message = "metadata.name must be at most 63 characters:"
    + " it names the restore's Job", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(oldSelf.spec) || self.spec == oldSelf.spec", message = "spec is immutable: a restore"
    + " runs once; create another OpenLuffyRestore for another run", reason = "FieldValueForbidden")
public class OpenLuffyRestore extends CustomResource<RestoreSpec, DumpRunStatus> implements Namespaced {

  /** No spec on a new object (see {@link OpenLuffyInstance#initSpec()}). */
  @Override
  protected RestoreSpec initSpec() {
    return null;
  }

  public RestoreSpec spec() {
    return getSpec() != null ? getSpec() : new RestoreSpec();
  }
}
