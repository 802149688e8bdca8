package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys every chart user expects: name overrides and securityContext overrides. */
class ChartConventionsTest {

  @Test
  void fullnameOverrideNamesEveryObjectOfTheOperator() {
    RenderedChart chart = RenderedChart.render(List.of(), Map.of("fullnameOverride", "acme",
        "operator.replicas", 2));

    assertThat(chart.objects()).filteredOn(o -> !o.getKind().equals("OpenLuffyInstance"))
        .extracting(o -> o.getMetadata().getName()).allMatch(name -> name.startsWith("acme-operator"));
    String serviceAccount = chart.single(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();
    assertThat(serviceAccount).isEqualTo("acme-operator");
    assertThat(chart.single(ServiceAccount.class).getMetadata().getName()).isEqualTo(serviceAccount);
    assertThat(chart.single(ClusterRoleBinding.class).getRoleRef().getName())
        .isEqualTo(chart.single(ClusterRole.class).getMetadata().getName());
  }

  @Test
  void nameOverrideRenamesObjectsAndTheNameLabelAndSelectorsFollow() {
    RenderedChart chart = RenderedChart.render(List.of(), Map.of("nameOverride", "platform"));
    Deployment deployment = chart.single(Deployment.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(deployment.getMetadata().getName()).isEqualTo(RenderedChart.RELEASE + "-platform-operator");
    assertThat(chart.objects()).extracting(HasMetadata::getMetadata)
        .allSatisfy(meta -> assertThat(meta.getLabels()).containsEntry("app.kubernetes.io/name", "platform"));
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(chart.single(Service.class).getSpec().getSelector());
  }

  @Test
  void securityContextsAreMergedOverTheRestrictedDefaults() {
    PodSpec pod = podSpec(Map.of("operator.podSecurityContext.runAsUser", 20000,
        "operator.podSecurityContext.runAsGroup", 20000, "operator.securityContext.procMount", "Default"));

    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(20000L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as("default kept").isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers().get(0).getSecurityContext().getProcMount()).isEqualTo("Default");
    assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).as("default kept")
        .isTrue();
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
  }

  /** The override is the user's: the chart does not undo a weakening, and the PSS check sees it. */
  @Test
  void aWeakenedSecurityContextIsRenderedAsAsked() {
    PodSpec pod = podSpec(Map.of("operator.securityContext.allowPrivilegeEscalation", true));

    assertThat(RestrictedPodSecurity.violations(pod)).isNotEmpty();
  }

  private static PodSpec podSpec(Map<String, Object> sets) {
    return RenderedChart.render(List.of(), sets).single(Deployment.class).getSpec().getTemplate().getSpec();
  }
}
