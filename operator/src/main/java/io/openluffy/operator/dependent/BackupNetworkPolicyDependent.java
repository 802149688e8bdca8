package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.ObjectStoreSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Backup pods accept no traffic; strict: they may reach only DNS, PostgreSQL and, with {@code spec.backup.objectStore},
 * the store's {@code egressCidrs} on its endpoint's port (restore pods are backup pods for this policy too).
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.BACKUP_SELECTOR))
public class BackupNetworkPolicyDependent extends InstanceNetworkPolicy {

  public BackupNetworkPolicyDependent() {
    super(BackupNetworkPolicyDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-backup";
  }

  @Override
  protected NetworkPolicy desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    var spec = new NetworkPolicyBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.BACKUP))
        .withNewSpec()
        .withPodSelector(pods(instance, Component.BACKUP));
    if (strict(instance)) {
      spec.withPolicyTypes("Ingress", "Egress").withEgress(dnsEgress(context), postgresEgress(instance));
      instance.spec().backup().objectStore().filter(store -> !store.egressCidrs().isEmpty())
          .ifPresent(store -> spec.addToEgress(objectStoreEgress(store)));
    } else {
      spec.withPolicyTypes("Ingress");
    }
    return spec.endSpec().build();
  }

  private static NetworkPolicyEgressRule objectStoreEgress(ObjectStoreSpec store) {
    return new NetworkPolicyEgressRuleBuilder()
        .withTo(store.egressCidrs().stream().map(InstanceNetworkPolicy::cidrPeer).toList())
        .withPorts(tcp(store.port()))
        .build();
  }
}
