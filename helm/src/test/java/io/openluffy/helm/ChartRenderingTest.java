package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.openluffy.operator.config.ClusterDns;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** helm template with the defaults and with each values file, checked as Kubernetes would read it. */
class ChartRenderingTest {

  static Stream<String> valuesFiles() {
    return Stream.of("(defaults)", "dev.yaml", "preprod.yaml", "production.yaml");
  }

  private static RenderedChart render(String valuesFile) {
    return RenderedChart.render(valuesFile.equals("(defaults)") ? null : RepoPaths.VALUES.resolve(valuesFile));
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void everyObjectLoadsAsATypedKubernetesObjectWithoutUnknownFields(String valuesFile) {
    RenderedChart chart = render(valuesFile);

    assertThat(chart.objects()).isNotEmpty();
    for (HasMetadata object : chart.objects()) {
      String name = object.getKind() + "/" + object.getMetadata().getName();
      assertThat(object).as(name).isNotInstanceOf(GenericKubernetesResource.class);
      assertThat(UnknownFields.in(object)).as("fields %s does not know", name).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void everyPodTemplateMeetsTheRestrictedPodSecurityStandard(String valuesFile) {
    RenderedChart chart = render(valuesFile);
    List<Deployment> deployments = chart.all(Deployment.class);

    assertThat(deployments).isNotEmpty();
    assertThat(chart.objects()).as("no other kind of workload").noneMatch(o -> o.getKind().matches(
        "Pod|ReplicaSet|StatefulSet|DaemonSet|Job|CronJob"));
    deployments.forEach(deployment -> assertThat(RestrictedPodSecurity.violations(deployment.getSpec().getTemplate().getSpec()))
        .as(deployment.getMetadata().getName()).isEmpty());
  }

  @Test
  void adminSecretNamespaceAndImageAllowListReachTheOperator() {
    var chart = RenderedChart.render(List.of(), Map.of("operator.adminSecretNamespace", "platform-admins",
        "operator.allowedImagePrefixes[0]", "registry.example.com/openluffy/",
        "operator.allowedImagePrefixes[1]", "docker.io/library/postgres:"));
    Map<String, EnvVar> env = chart.single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

    assertThat(env.get("OPENLUFFY_OPERATOR_ADMIN_SECRET_NAMESPACE").getValue()).isEqualTo("platform-admins");
    assertThat(env.get("OPENLUFFY_OPERATOR_ALLOWED_IMAGE_PREFIXES").getValue())
        .isEqualTo("registry.example.com/openluffy/,docker.io/library/postgres:");
  }

  @Test
  void theClusterDnsValuesReachTheOperatorAsItsDefaultsOrAsSet() {
    assertThat(OperatorConfig.fromEnvironment(operatorEnv(RenderedChart.render(List.of(), Map.of()))).dns())
        .as("the chart's defaults are the operator's").isEqualTo(ClusterDns.DEFAULT);
    var openShift = RenderedChart.render(List.of(), Map.of("operator.dns.namespace", "openshift-dns",
        "operator.dns.podLabels", "dns.operator.openshift.io/daemonset-dns=default",
        "operator.dns.cidrs[0]", "172.30.0.10/32", "operator.dns.port", "5353"));
    assertThat(OperatorConfig.fromEnvironment(operatorEnv(openShift)).dns()).isEqualTo(new ClusterDns("openshift-dns",
        Map.of("dns.operator.openshift.io/daemonset-dns", "default"), List.of("172.30.0.10/32"), 5353));
  }

  private static Map<String, String> operatorEnv(RenderedChart chart) {
    return chart.single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void operatorRunsWithTheConfigurationItsMainReads(String valuesFile) {
    RenderedChart chart = render(valuesFile);
    Deployment deployment = chart.single(Deployment.class);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, EnvVar> env = operator.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

    assertThat(operator.getImage()).isEqualTo("openluffy/operator:0.1.0");
    assertThat(env.get("OPENLUFFY_OPERATOR_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(env.get("OPENLUFFY_OPERATOR_SSA").getValue()).isEqualTo("true");
    assertThat(env.get("OPENLUFFY_OPERATOR_HTTP_PORT").getValue()).isEqualTo("8081");
    assertThat(env.get("OPENLUFFY_OPERATOR_ADMIN_SECRET_NAMESPACE").getValue()).isEqualTo(RenderedChart.NAMESPACE);
    assertThat(env).doesNotContainKey("OPENLUFFY_OPERATOR_ALLOWED_IMAGE_PREFIXES");
    assertThat(operator.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getContainerPort()).isEqualTo(8081);
    });
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsKey("memory");
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void severalReplicasElectALeaderThroughALeaseInTheReleaseNamespace(String valuesFile) {
    RenderedChart chart = render(valuesFile);
    Deployment deployment = chart.single(Deployment.class);
    String leaderElection = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("OPENLUFFY_OPERATOR_LEADER_ELECTION")).findFirst().orElseThrow().getValue();

    if (deployment.getSpec().getReplicas() > 1) {
      assertThat(leaderElection).isEqualTo("true");
    }
    if (leaderElection.equals("true")) {
      assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
      Role role = leaderElectionRoles(chart).get(0);
      assertThat(leaderElectionRoles(chart)).hasSize(1);
      assertThat(role.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
      assertThat(role.getRules()).singleElement().satisfies(rule -> {
        assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
        assertThat(rule.getResources()).containsExactly("leases");
      });
    } else {
      assertThat(leaderElection).isEqualTo("false");
      assertThat(deployment.getSpec().getStrategy().getType()).as("never two reconcilers").isEqualTo("Recreate");
      assertThat(leaderElectionRoles(chart)).isEmpty();
    }
  }

  private static List<Role> leaderElectionRoles(RenderedChart chart) {
    return chart.all(Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void rbacAndServiceAreWiredToTheOperatorPods(String valuesFile) {
    RenderedChart chart = render(valuesFile);
    Deployment deployment = chart.single(Deployment.class);
    String serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(chart.single(ServiceAccount.class).getMetadata().getName()).isEqualTo(serviceAccount);
    assertThat(chart.single(ClusterRoleBinding.class).getSubjects()).singleElement().satisfies(subject -> {
      assertThat(subject.getName()).isEqualTo(serviceAccount);
      assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
    });
    chart.all(RoleBinding.class).forEach(binding ->
        assertThat(binding.getSubjects()).singleElement().extracting("name").isEqualTo(serviceAccount));
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    Service metrics = chart.single(Service.class);
    assertThat(podLabels).containsAllEntriesOf(metrics.getSpec().getSelector());
    assertThat(metrics.getSpec().getPorts()).singleElement().satisfies(port ->
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
  }

}
