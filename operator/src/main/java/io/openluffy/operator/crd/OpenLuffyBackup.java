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

/** A backup now: one run of backup.sh for an instance, in its namespace; never repeated. */
@Group(OpenLuffyInstance.GROUP)
@Version(OpenLuffyInstance.VERSION)
@Kind("OpenLuffyBackup")
@Plural("openluffybackups")
@ShortNames("olb")
@Categories("openluffy")
@AdditionalPrinterColumn(name = "INSTANCE", jsonPath = ".spec.instance", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DUMP", jsonPath = ".status.dump", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "BYTES", jsonPath = ".status.sizeBytes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec.instance is required: the OpenLuffyInstance to back up",
    reason = "FieldValueRequired")
@ValidationRule(value = "size(self.metadata.name) <= 63", message = "metadata.name must be at most 63 characters:"
    + " it names the backup's Job", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(oldSelf.spec) || self.spec == oldSelf.spec", message = "spec is immutable: a backup"
    + " runs once; create another OpenLuffyBackup for another run", reason = "FieldValueForbidden")
public class OpenLuffyBackup extends CustomResource<RunSpec, DumpRunStatus> implements Namespaced {

  /** No spec on a new object (see {@link OpenLuffyInstance#initSpec()}). */
  @Override
  protected RunSpec initSpec() {
    return null;
  }

  public RunSpec spec() {
    return getSpec() != null ? getSpec() : new RunSpec();
  }
}
