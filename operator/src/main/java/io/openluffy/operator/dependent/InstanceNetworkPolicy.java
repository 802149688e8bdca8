package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.config.ClusterDns;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.NetworkPolicyProfile;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.function.Function;

/** Base of the instance's NetworkPolicies (design §5): shared peers, ports and the enabled precondition. */
abstract class InstanceNetworkPolicy extends CrudNamedDependentResource<NetworkPolicy> {

  InstanceNetworkPolicy(Function<OpenLuffyInstance, String> name) {
    super(NetworkPolicy.class, name);
  }

  static boolean strict(OpenLuffyInstance instance) {
    return instance.spec().effectiveNetworkPolicyProfile() == NetworkPolicyProfile.STRICT;
  }

  static LabelSelector pods(OpenLuffyInstance instance, Component component) {
    return new LabelSelectorBuilder().withMatchLabels(InstanceLabels.selector(instance, component)).build();
  }

  static NetworkPolicyPeer podPeer(OpenLuffyInstance instance, Component component) {
    return new NetworkPolicyPeerBuilder().withPodSelector(pods(instance, component)).build();
  }

  static NetworkPolicyPeer namespacePeer(LabelSelector namespaces) {
    return new NetworkPolicyPeerBuilder().withNamespaceSelector(namespaces).build();
  }

  static NetworkPolicyPeer namespaceNamed(String namespace) {
    return namespacePeer(new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", namespace)
        .build());
  }

  static NetworkPolicyPeer cidrPeer(String cidr) {
    return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build();
  }

  static NetworkPolicyPort tcp(int port) {
    return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
  }

  /**
   * DNS only to the cluster's DNS pods and addresses (the operator's config), not to port 53 anywhere: an open port
   * 53 is a way out of the namespace for anything that speaks DNS, or pretends to.
   */
  static NetworkPolicyEgressRule dnsEgress(Context<OpenLuffyInstance> context) {
    ClusterDns dns = config(context).dns();
    var rule = new NetworkPolicyEgressRuleBuilder()
        .addToTo(new NetworkPolicyPeerBuilder()
            .withNamespaceSelector(namespaceNamed(dns.namespace()).getNamespaceSelector())
            .withPodSelector(new LabelSelectorBuilder().withMatchLabels(dns.podLabels()).build()).build());
    dns.cidrs().forEach(cidr -> rule.addToTo(cidrPeer(cidr)));
    return rule.addToPorts(new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(dns.port()))
        .build(), tcp(dns.port())).build();
  }

  static NetworkPolicyEgressRule postgresEgress(OpenLuffyInstance instance) {
    return new NetworkPolicyEgressRuleBuilder().withTo(podPeer(instance, Component.POSTGRES))
        .withPorts(tcp(PostgresStatefulSetDependent.PORT)).build();
  }

  /** The operator's own namespace. */
  static String operatorNamespace(Context<OpenLuffyInstance> context) {
    return config(context).namespace();
  }

  /** The operator's configuration, put into the workflow context by the reconciler. */
  private static OperatorConfig config(Context<OpenLuffyInstance> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(OperatorConfig.class,
        OperatorConfig.class);
  }
}
