package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.ApiEgressSpec;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * API server pods: ingress on 8080 from the ingress controller's namespaces, the operator (bootstrap) and
 * {@code ingressCidrs}; strict profile: egress only to DNS, PostgreSQL, port 443 of {@code apiEgressCidrs} and the
 * destinations of {@code apiEgress}.
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
    NetworkPolicySpec policy = instance.spec().networkPolicy();
    LabelSelector ingressNamespaces = policy.getIngressNamespaceSelector();
    var ingress = new NetworkPolicyIngressRuleBuilder()
        .addToFrom(namespacePeer(ingressNamespaces != null ? ingressNamespaces : new LabelSelector()))
        .addToFrom(namespaceNamed(operatorNamespace(context)))
        .withPorts(tcp(ApiDeploymentDependent.PORT));
    policy.ingressCidrs().forEach(cidr -> ingress.addToFrom(cidrPeer(cidr)));
    var spec = new NetworkPolicyBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withNewSpec()
        .withPodSelector(pods(instance, Component.API))
        .withIngress(ingress.build());
    if (strict(instance)) {
      spec.withPolicyTypes("Ingress", "Egress").addToEgress(dnsEgress(context), postgresEgress(instance));
      if (!policy.apiEgressCidrs().isEmpty()) {
        spec.addToEgress(new NetworkPolicyEgressRuleBuilder()
            .withTo(policy.apiEgressCidrs().stream().map(InstanceNetworkPolicy::cidrPeer).toList())
            .withPorts(tcp(443)).build());
      }
      policy.apiEgress().forEach(destination -> spec.addToEgress(egress(destination)));
    } else {
      spec.withPolicyTypes("Ingress");
    }
    return spec.endSpec().build();
  }

  private static NetworkPolicyEgressRule egress(ApiEgressSpec destination) {
    var rule = new NetworkPolicyEgressRuleBuilder()
        .withPorts(destination.ports().stream().map(InstanceNetworkPolicy::tcp).toList());
    if (destination.getCidrs() != null) {
      rule.withTo(destination.cidrs().stream().map(InstanceNetworkPolicy::cidrPeer).toList());
    } else {
      rule.addToTo(new NetworkPolicyPeerBuilder().withNamespaceSelector(destination.getNamespaceSelector())
          .withPodSelector(destination.getPodSelector()).build());
    }
    return rule.build();
  }
}
