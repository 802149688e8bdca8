package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;

/**
 * API server pods: ingress on 8080 from the ingress controller's namespaces and from the operator (bootstrap);
 * strict profile: egress only to DNS, PostgreSQL and port 443 of {@code spec.networkPolicy.apiEgressCidrs}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.API_SELECTOR))
public class ApiNetworkPolicyDependent extends InstanceNetworkPolicy {

  public ApiNetworkPolicyDependent() {
    super(ApiNetworkPolicyDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api";
  }

  @Override
  protected NetworkPolicy desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    LabelSelector ingressNamespaces = instance.spec().networkPolicy().getIngressNamespaceSelector();
    var ingress = new NetworkPolicyIngressRuleBuilder()
        .addToFrom(namespacePeer(ingressNamespaces != null ? ingressNamespaces : new LabelSelector()))
        .addToFrom(namespaceNamed(operatorNamespace(context)))
        .withPorts(tcp(ApiDeploymentDependent.PORT))
        .build();
    var spec = new NetworkPolicyBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withNewSpec()
        .withPodSelector(pods(instance, Component.API))
        .withIngress(ingress);
    if (strict(instance)) {
      List<String> cidrs = instance.spec().networkPolicy().getApiEgressCidrs();
      spec.withPolicyTypes("Ingress", "Egress").addToEgress(dnsEgress(), postgresEgress(instance));
      if (cidrs != null && !cidrs.isEmpty()) {
        spec.addToEgress(new NetworkPolicyEgressRuleBuilder()
            .withTo(cidrs.stream().map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr)
                .endIpBlock().build()).toList())
            .withPorts(tcp(443)).build());
      }
    } else {
      spec.withPolicyTypes("Ingress");
    }
    return spec.endSpec().build();
  }
}
