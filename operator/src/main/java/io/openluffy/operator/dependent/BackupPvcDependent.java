package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Volume holding the dumps. Created once and never owned, updated or deleted by the operator: it is data, so it
 * survives disabling backups and deletionPolicy Retain.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class BackupPvcDependent extends NamedDependentResource<PersistentVolumeClaim>
    implements Creator<PersistentVolumeClaim, OpenLuffyInstance> {

  public BackupPvcDependent() {
    super(PersistentVolumeClaim.class, BackupPvcDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-backups";
  }

  @Override
  protected PersistentVolumeClaim desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    var spec = instance.spec();
    return new PersistentVolumeClaimBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.BACKUP))
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(spec.database().getStorageClassName())
        .withNewResources().addToRequests("storage", new Quantity(spec.backup().storage())).endResources()
        .endSpec()
        .build();
  }
}
