package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.dependent.DatabaseClaim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grows the data and backup claims to {@code spec.database.storage} and {@code spec.backup.storage}. Neither is the
 * workflow's to update: the StatefulSet controller made the data claim from a template that cannot change, and the
 * backup claim is create-only. A claim is expanded in place when its StorageClass has allowVolumeExpansion;
 * otherwise StorageResizeUnsupported says which claim and class, and what to do. Shrinks are refused by the CRD.
 */
public class StorageResize implements StatusContributor {

  /** A StorageClass changing raises no event here: look again this often while a growth waits for one. */
  static final Duration RECHECK = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(StorageResize.class);

  private record Wanted(String field, String size, Optional<PersistentVolumeClaim> claim) {
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    var spec = instance.spec();
    List<Wanted> wanted = new ArrayList<>();
    wanted.add(new Wanted("spec.database.storage", spec.database().storage(), DatabaseClaim.find(instance, context)));
    if (spec.backupEnabled()) {
      wanted.add(new Wanted("spec.backup.storage", spec.backup().storage(), backupClaim(instance, context)));
    }
    List<String> refused = new ArrayList<>();
    for (Wanted w : wanted) {
      // not there yet, or not bound yet (only a bound claim can be resized): its own events bring us back
      if (w.claim().isEmpty() || w.claim().get().getSpec().getVolumeName() == null) {
        continue;
      }
      PersistentVolumeClaim claim = w.claim().get();
      Quantity requested = claim.getSpec().getResources().getRequests().get("storage");
      if (requested != null && new Quantity(w.size()).compareTo(requested) <= 0) {
        continue;
      }
      String className = claim.getSpec().getStorageClassName();
      StorageClass storageClass = className == null || className.isEmpty() ? null
          : context.getClient().storage().v1().storageClasses().withName(className).get();
      if (storageClass != null && Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion())) {
        expand(claim, w.size(), context);
      } else {
        refused.add(w.field() + " is " + w.size() + " but PersistentVolumeClaim " + claim.getMetadata().getName()
            + " stays " + requested + ": " + (className == null || className.isEmpty() ? "it has no StorageClass"
            : storageClass == null ? "its StorageClass " + className + " does not exist"
            : "its StorageClass " + className + " does not allow volume expansion"));
      }
    }
    if (!refused.isEmpty()) {
      status.informational(ConditionType.STORAGE_RESIZE_UNSUPPORTED, true,
          ConditionReason.StorageResizeUnsupported.STORAGE_CLASS_NOT_EXPANDABLE,
          String.join("; ", refused) + ". Set allowVolumeExpansion: true on the StorageClass if its provisioner"
              + " can expand volumes (the operator retries every " + RECHECK.toMinutes() + " minutes); otherwise"
              + " move the data to a bigger volume with a backup and a restore (operator/README.md, \"Storage"
              + " changes\"). The size cannot be set back: the schema refuses a shrink");
      status.retryAfter(RECHECK);
    }
  }

  private static Optional<PersistentVolumeClaim> backupClaim(OpenLuffyInstance instance,
      Context<OpenLuffyInstance> context) {
    String name = BackupPvcDependent.name(instance);
    return context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
        .filter(claim -> name.equals(claim.getMetadata().getName())
            && instance.targetNamespace().equals(claim.getMetadata().getNamespace()))
        .findFirst();
  }

  /**
   * A merge patch of the request alone, nothing else of the claim touched. Given the cached claim, the client sends
   * it without reading the claim first (by name it would GET, which the chart's RBAC does not grant).
   */
  private static void expand(PersistentVolumeClaim claim, String size, Context<OpenLuffyInstance> context) {
    log.info("Expanding PersistentVolumeClaim {}/{} to {}", claim.getMetadata().getNamespace(),
        claim.getMetadata().getName(), size);
    context.getClient().resource(claim)
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"" + size + "\"}}}}");
  }
}
