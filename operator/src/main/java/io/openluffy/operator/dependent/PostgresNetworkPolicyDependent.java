package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/** PostgreSQL pods: reachable on 5432 only from the API server and backup pods; strict: egress DNS only. */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.POSTGRES_SELECTOR))
public class PostgresNetworkPolicyDependent extends InstanceNetworkPolicy {

  public PostgresNetworkPolicyDependent() {
    super(PostgresNetworkPolicyDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-postgres";
  }

  @Override
  protected NetworkPolicy desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    var ingress = new NetworkPolicyIngressRuleBuilder()
        .withFrom(podPeer(instance, Component.API), podPeer(instance, Component.BACKUP))
        .withPorts(tcp(PostgresStatefulSetDependent.PORT))
        .build();
    var spec = new NetworkPolicyBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.POSTGRES))
        .withNewSpec()
        .withPodSelector(pods(instance, Component.POSTGRES))
        .withIngress(ingress);
    if (strict(instance)) {
      spec.withPolicyTypes("Ingress", "Egress").withEgress(dnsEgress(context));
    } else {
      spec.withPolicyTypes("Ingress");
    }
    return spec.endSpec().build();
  }
}
