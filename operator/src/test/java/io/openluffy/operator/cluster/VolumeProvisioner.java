package io.openluffy.operator.cluster;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;

/**
 * The test plays the volume provisioner: the control plane has no storage driver, so for every claim without a
 * volume this creates a PersistentVolume of the requested size and class, pre-bound to the claim through its
 * {@code claimRef}; kube-controller-manager's PV controller then binds the pair as it would a provisioned volume.
 * The volumes are hostPath stand-ins that nothing mounts (kwok runs no containers), reclaim policy Retain.
 */
final class VolumeProvisioner implements AutoCloseable {

  private final KubernetesClient client;
  private final SharedIndexInformer<PersistentVolumeClaim> informer;

  private VolumeProvisioner(KubernetesClient client) {
    this.client = client;
    this.informer = client.persistentVolumeClaims().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(PersistentVolumeClaim claim) {
        provision(claim);
      }

      @Override
      public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim claim) {
        provision(claim);
      }

      @Override
      public void onDelete(PersistentVolumeClaim claim, boolean unknown) {
      }
    });
  }

  static VolumeProvisioner start(KubernetesClient client) {
    return new VolumeProvisioner(client);
  }

  private void provision(PersistentVolumeClaim claim) {
    if (claim.getSpec().getVolumeName() != null || claim.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String name = "pv-" + claim.getMetadata().getUid();
    var volume = new PersistentVolumeBuilder().withNewMetadata().withName(name)
        .addToLabels("openluffy.io/test-provisioner", "true").endMetadata()
        .withNewSpec()
        .withCapacity(Map.of("storage", claim.getSpec().getResources().getRequests().get("storage")))
        .withAccessModes(claim.getSpec().getAccessModes())
        .withStorageClassName(claim.getSpec().getStorageClassName() == null ? ""
            : claim.getSpec().getStorageClassName())
        .withPersistentVolumeReclaimPolicy("Retain")
        .withClaimRef(new ObjectReferenceBuilder().withKind("PersistentVolumeClaim").withApiVersion("v1")
            .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
            .withUid(claim.getMetadata().getUid()).build())
        .withNewHostPath().withPath("/tmp/openluffy-test-volumes/" + name).endHostPath()
        .endSpec().build();
    try {
      client.persistentVolumes().resource(volume).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
