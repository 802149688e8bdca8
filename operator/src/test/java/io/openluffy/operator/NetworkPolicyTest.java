package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.config.ClusterDns;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.ApiEgressSpec;
import io.openluffy.operator.crd.NetworkPolicyProfile;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.testing.MockCluster;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies as generated, rule by rule. The operator runs with a DNS that is not the default one (as on
 * OpenShift, plus a Service address), so the DNS rule is seen to follow the operator's configuration; the default is
 * applied on a real API server by {@code NetworkPolicyIT}. The mock enforces nothing; neither does the real tier.
 */
class NetworkPolicyTest {

  static final ClusterDns DNS = new ClusterDns("openshift-dns",
      Map.of("dns.operator.openshift.io/daemonset-dns", "default"), List.of("172.30.0.10/32"), 5353);

  private static MockCluster cluster;
  private static KubernetesClient k8s;
  private static OpenLuffyOperator operator;

  @BeforeAll
  static void start() {
    cluster = MockCluster.withoutOperator();
    k8s = cluster.client();
    operator = OpenLuffyOperator.create(k8s, new OperatorConfig(MockCluster.OPERATOR_NAMESPACE, false, false, 0,
        MockCluster.OPERATOR_NAMESPACE, List.of(), DNS), new SimpleMeterRegistry(),
        OpenLuffyOperator.inClusterApiServers()).start();
  }

  @AfterAll
  static void stop() {
    operator.close();
    cluster.close();
  }

  @Test
  void theStandardProfileFencesIngressOnlyAndLeavesEveryEgressOpen() {
    var instance = ready("plain", NetworkPolicyProfile.STANDARD, policy -> { });

    for (String name : List.of("default-deny", "api", "postgres", "backup")) {
      NetworkPolicy policy = policy(instance, name);
      assertThat(policy.getSpec().getPolicyTypes()).as(name).containsExactly("Ingress");
      assertThat(policy.getSpec().getEgress()).as(name).isNullOrEmpty();
    }
    assertThat(policy(instance, "api").getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).extracting(this::port).containsExactly("TCP/8080");
      assertThat(rule.getFrom()).as("as before ingressCidrs: no address source")
          .allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull())
          .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
          .containsExactly(Map.of(), Map.of("kubernetes.io/metadata.name", MockCluster.OPERATOR_NAMESPACE));
    });
  }

  @Test
  void ingressCidrsLetCloudLoadBalancersAndHostNetworkControllersReachTheApiServer() {
    var instance = ready("gke", NetworkPolicyProfile.STANDARD, policy ->
        policy.setIngressCidrs(List.of("35.191.0.0/16", "130.211.0.0/22", "10.128.0.0/20")));

    assertThat(policy(instance, "api").getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).extracting(this::port).containsExactly("TCP/8080");
      assertThat(rule.getFrom()).filteredOn(peer -> peer.getIpBlock() != null)
          .extracting(peer -> peer.getIpBlock().getCidr())
          .containsExactly("35.191.0.0/16", "130.211.0.0/22", "10.128.0.0/20");
    });
    assertThat(policy(instance, "postgres").getSpec().getIngress().get(0).getFrom())
        .as("the database stays reachable from the instance's pods only")
        .allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull());
  }

  @Test
  void strictDnsEgressGoesOnlyToTheConfiguredClusterDnsAndNoRuleLeadsAnywhere() {
    var instance = ready("fenced", NetworkPolicyProfile.STRICT, policy -> { });

    for (String name : List.of("api", "postgres", "backup")) {
      NetworkPolicy policy = policy(instance, name);
      assertThat(policy.getSpec().getPolicyTypes()).as(name).containsExactly("Ingress", "Egress");
      assertThat(policy.getSpec().getEgress()).as(name + ": a rule without destinations allows every one")
          .allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
      assertThat(policy.getSpec().getEgress()).as(name).filteredOn(rule -> ports(rule).contains("UDP/5353"))
          .singleElement().satisfies(rule -> {
            assertThat(ports(rule)).containsExactly("UDP/5353", "TCP/5353");
            assertThat(rule.getTo()).hasSize(2);
            NetworkPolicyPeer pods = rule.getTo().get(0);
            assertThat(pods.getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "openshift-dns"));
            assertThat(pods.getPodSelector().getMatchLabels()).isEqualTo(DNS.podLabels());
            assertThat(rule.getTo().get(1).getIpBlock().getCidr()).isEqualTo("172.30.0.10/32");
          });
    }
    assertThat(policy(instance, "postgres").getSpec().getEgress()).as("DNS only").hasSize(1);
    assertThat(policy(instance, "api").getSpec().getEgress()).as("DNS and PostgreSQL only, without apiEgress")
        .extracting(this::ports).containsExactly(List.of("UDP/5353", "TCP/5353"), List.of("TCP/5432"));
  }

  /** An in-cluster Argo CD: its server pods, on their port 8080 (the Service's 443 is translated before policy). */
  static ApiEgressSpec argoCd() {
    var argo = new ApiEgressSpec();
    argo.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", "argocd")
        .build());
    argo.setPodSelector(new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/name", "argocd-server")
        .build());
    argo.setPorts(List.of(8080));
    return argo;
  }

  /** A Git server outside the cluster, by address (IPv4 and IPv6), on SSH and HTTPS. */
  static ApiEgressSpec gitServer() {
    var git = new ApiEgressSpec();
    git.setCidrs(List.of("203.0.113.0/24", "2001:db8::/32"));
    git.setPorts(List.of(22, 443));
    return git;
  }

  @Test
  void strictApiEgressReachesAnInClusterArgoCdOnItsPodPortAndListedAddressesOnTheirPorts() {
    var instance = ready("argo", NetworkPolicyProfile.STRICT, policy -> {
      policy.setApiEgressCidrs(List.of("140.82.112.0/20"));
      policy.setApiEgress(List.of(argoCd(), gitServer()));
    });

    List<NetworkPolicyEgressRule> egress = policy(instance, "api").getSpec().getEgress();
    assertThat(egress).extracting(this::ports).containsExactly(List.of("UDP/5353", "TCP/5353"), List.of("TCP/5432"),
        List.of("TCP/443"), List.of("TCP/8080"), List.of("TCP/22", "TCP/443"));
    assertThat(egress.get(2).getTo()).extracting(peer -> peer.getIpBlock().getCidr())
        .containsExactly("140.82.112.0/20");
    assertThat(egress.get(3).getTo()).singleElement().satisfies(peer -> {
      assertThat(peer.getNamespaceSelector().getMatchLabels())
          .isEqualTo(Map.of("kubernetes.io/metadata.name", "argocd"));
      assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "argocd-server"));
      assertThat(peer.getIpBlock()).isNull();
    });
    assertThat(egress.get(4).getTo()).extracting(peer -> peer.getIpBlock().getCidr())
        .containsExactly("203.0.113.0/24", "2001:db8::/32");
    assertThat(policy(instance, "backup").getSpec().getEgress()).as("apiEgress is the API server's only")
        .noneMatch(rule -> ports(rule).contains("TCP/8080"));
  }

  @Test
  void anAddressThatIsNoCidrIsInvalidSpecNamingTheFieldAndNothingIsCreated() {
    var bad = new ApiEgressSpec();
    bad.setCidrs(List.of("10.0.0.0/33"));
    bad.setPorts(List.of(443));
    cluster.create(MockCluster.instance("badcidr", spec -> {
      spec.setNetworkPolicy(new NetworkPolicySpec());
      spec.getNetworkPolicy().setIngressCidrs(List.of("35.191.0.0"));
      spec.getNetworkPolicy().setApiEgress(List.of(bad));
    }));

    var failed = cluster.awaitCondition("badcidr", "Ready", "False");
    var ready = failed.getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.networkPolicy.ingressCidrs: '35.191.0.0' is not a CIDR",
        "spec.networkPolicy.apiEgress[0].cidrs: '10.0.0.0/33' is not a CIDR");
    assertThat(failed.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(k8s.namespaces().withName("openluffy-badcidr").get()).isNull();
  }

  private static OpenLuffyInstance ready(String name, NetworkPolicyProfile profile,
      Consumer<NetworkPolicySpec> customizer) {
    return cluster.createReady(MockCluster.instance(name, spec -> {
      spec.setNetworkPolicy(new NetworkPolicySpec());
      spec.getNetworkPolicy().setProfile(profile);
      customizer.accept(spec.getNetworkPolicy());
    }));
  }

  private static NetworkPolicy policy(OpenLuffyInstance instance, String suffix) {
    return k8s.network().v1().networkPolicies().inNamespace(instance.targetNamespace())
        .withName("openluffy-" + instance.getMetadata().getName() + "-" + suffix).get();
  }

  private List<String> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts().stream().map(this::port).toList();
  }

  private String port(NetworkPolicyPort port) {
    return port.getProtocol() + "/" + port.getPort().getIntVal();
  }
}
