package io.openluffy.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsMatchTheDocumentedOnes() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()))
        .isEqualTo(new OperatorConfig("openluffy-system", false, true, 8081));
    assertThat(ClusterDns.DEFAULT).isEqualTo(new ClusterDns("kube-system", Map.of("k8s-app", "kube-dns"),
        List.of("169.254.20.10/32"), 53));
  }

  @Test
  void readsEveryVariable() {
    var config = OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_NAMESPACE", "ops",
        "OPENLUFFY_OPERATOR_LEADER_ELECTION", "true", "OPENLUFFY_OPERATOR_SSA", "false",
        "OPENLUFFY_OPERATOR_HTTP_PORT", "9090", "OPENLUFFY_OPERATOR_ADMIN_SECRET_NAMESPACE", "admins",
        "OPENLUFFY_OPERATOR_ALLOWED_IMAGE_PREFIXES", "registry.example.com/openluffy/, docker.io/library/postgres:,"));
    assertThat(config).isEqualTo(new OperatorConfig("ops", true, false, 9090, "admins",
        List.of("registry.example.com/openluffy/", "docker.io/library/postgres:"), ClusterDns.DEFAULT));
  }

  @Test
  void theClusterDnsIsConfigurableAndEmptyMeansNone() {
    var openShift = OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_DNS_NAMESPACE", "openshift-dns",
        "OPENLUFFY_OPERATOR_DNS_POD_LABELS", "dns.operator.openshift.io/daemonset-dns=default",
        "OPENLUFFY_OPERATOR_DNS_CIDRS", "", "OPENLUFFY_OPERATOR_DNS_PORT", "5353"));
    assertThat(openShift.dns()).isEqualTo(new ClusterDns("openshift-dns",
        Map.of("dns.operator.openshift.io/daemonset-dns", "default"), List.of(), 5353));
    var wholeNamespace = OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_DNS_POD_LABELS", "",
        "OPENLUFFY_OPERATOR_DNS_CIDRS", "169.254.20.10/32, 10.96.0.10/32"));
    assertThat(wholeNamespace.dns()).isEqualTo(new ClusterDns("kube-system", Map.of(),
        List.of("169.254.20.10/32", "10.96.0.10/32"), 53));
  }

  @Test
  void badValuesFailFastNamingTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_SSA", "yes")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_SSA");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_HTTP_PORT", "80000")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_HTTP_PORT");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_DNS_CIDRS", "169.254.20.10")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_DNS_CIDRS").hasMessageContaining("169.254.20.10");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_DNS_POD_LABELS", "kube-dns")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_DNS_POD_LABELS");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_DNS_PORT", "0")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_DNS_PORT");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("OPENLUFFY_OPERATOR_DNS_NAMESPACE", "Kube")))
        .hasMessageContaining("OPENLUFFY_OPERATOR_DNS_NAMESPACE");
  }
}
