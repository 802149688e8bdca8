package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.NetworkPolicyProfile;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.MockCluster;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every NetworkPolicy the operator makes with every network field set, as the real API server's validation takes and
 * stores it, with the operator's default DNS. No CNI runs on this tier: that the policies are accepted and say what
 * they should is shown here; that a network plugin enforces them is not.
 */
class NetworkPolicyIT extends OperatorOnControlPlane {

  @Test
  void theApiServerAcceptsEveryPolicyWithEveryFieldSetAndStoresItsPeersAndPorts() {
    var instance = admin.resource(MockCluster.instance("netpol", spec -> {
      spec.setNetworkPolicy(new NetworkPolicySpec());
      spec.getNetworkPolicy().setProfile(NetworkPolicyProfile.STRICT);
      spec.getNetworkPolicy().setIngressNamespaceSelector(new LabelSelectorBuilder()
          .addToMatchLabels("kubernetes.io/metadata.name", "ingress-nginx").build());
      spec.getNetworkPolicy().setIngressCidrs(List.of("35.191.0.0/16", "130.211.0.0/22", "10.128.0.0/20"));
      spec.getNetworkPolicy().setApiEgressCidrs(List.of("140.82.112.0/20"));
      spec.getNetworkPolicy().setApiEgress(List.of(NetworkPolicyTest.argoCd(), NetworkPolicyTest.gitServer()));
    })).create();
    Instances.awaitReady(admin, "netpol");

    NetworkPolicy api = policy(instance, "api");
    assertThat(api.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
          .containsExactly("TCP/8080");
      assertThat(rule.getFrom()).extracting(NetworkPolicyIT::describe).containsExactly(
          "ns{kubernetes.io/metadata.name=ingress-nginx}",
          "ns{kubernetes.io/metadata.name=" + ChartOperator.NAMESPACE + "}",
          "35.191.0.0/16", "130.211.0.0/22", "10.128.0.0/20");
    });
    String dns = "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}";
    assertThat(api.getSpec().getEgress()).extracting(NetworkPolicyIT::describe).containsExactly(
        "[" + dns + ", 169.254.20.10/32] -> [UDP/53, TCP/53]",
        "[pods{app.kubernetes.io/component=postgres, app.kubernetes.io/instance=netpol,"
            + " app.kubernetes.io/name=openluffy}] -> [TCP/5432]",
        "[140.82.112.0/20] -> [TCP/443]",
        "[ns{kubernetes.io/metadata.name=argocd} pods{app.kubernetes.io/name=argocd-server}] -> [TCP/8080]",
        "[203.0.113.0/24, 2001:db8::/32] -> [TCP/22, TCP/443]");
    assertThat(policy(instance, "postgres").getSpec().getEgress()).extracting(NetworkPolicyIT::describe)
        .containsExactly("[" + dns + ", 169.254.20.10/32] -> [UDP/53, TCP/53]");
    assertThat(policy(instance, "backup").getSpec().getEgress()).extracting(NetworkPolicyIT::describe)
        .contains("[" + dns + ", 169.254.20.10/32] -> [UDP/53, TCP/53]");
    assertThat(policy(instance, "default-deny").getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");

    // what leaves the spec leaves the policy (server-side apply; NetworkPolicy rules are atomic lists)
    admin.resources(OpenLuffyInstance.class).withName("netpol").edit(i -> {
      i.getSpec().getNetworkPolicy().setApiEgress(null);
      i.getSpec().getNetworkPolicy().setIngressCidrs(null);
      return i;
    });
    await("apiEgress and ingressCidrs gone").atMost(Instances.PATIENCE).until(() -> {
      NetworkPolicy now = policy(instance, "api");
      return now.getSpec().getEgress().size() == 3
          && now.getSpec().getIngress().get(0).getFrom().stream().allMatch(peer -> peer.getIpBlock() == null);
    });
    admin.resources(OpenLuffyInstance.class).withName("netpol").delete();
  }

  private NetworkPolicy policy(OpenLuffyInstance instance, String suffix) {
    return admin.network().v1().networkPolicies().inNamespace(instance.targetNamespace())
        .withName("openluffy-netpol-" + suffix).get();
  }

  private static String describe(NetworkPolicyEgressRule rule) {
    return rule.getTo().stream().map(NetworkPolicyIT::describe).toList() + " -> "
        + rule.getPorts().stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList();
  }

  private static String describe(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return peer.getIpBlock().getCidr();
    }
    String namespaces = peer.getNamespaceSelector() == null ? "" : "ns" + labels(peer.getNamespaceSelector()
        .getMatchLabels());
    String pods = peer.getPodSelector() == null ? "" : "pods" + labels(peer.getPodSelector().getMatchLabels());
    return (namespaces + " " + pods).trim();
  }

  private static String labels(Map<String, String> labels) {
    return new TreeMap<>(labels).toString();
  }
}
