package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.openluffy.operator.reconciler.OpenLuffyInstanceReconciler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly what the operator's code needs: derived from the reconciler's
 * declared workflow and from every request the real operator makes during an instance's life.
 */
class RbacCoverageTest {

  private static final Set<String> FORBIDDEN_VERBS = Set.of("*", "escalate", "bind", "impersonate");
  private static final Set<String> FORBIDDEN_RESOURCES = Set.of("*", "pods/exec", "nodes", "persistentvolumes");

  static List<PolicyRule> clusterRules;
  static Set<Permission> granted;
  /** The ClusterRole's and the namespaced Roles' (leader election, Events) grants together. */
  static Set<Permission> grantedAnywhere;
  static Set<Permission> declared;
  static OperatorAudit.Result audit;

  @BeforeAll
  static void deriveAndRender() throws Exception {
    clusterRules = RenderedChart.render(Environment.PROD.valuesFile).single(ClusterRole.class).getRules();
    granted = Permission.grantedBy(clusterRules);
    grantedAnywhere = new HashSet<>(granted);
    RenderedChart.render(Environment.PROD.valuesFile).all(Role.class)
        .forEach(role -> grantedAnywhere.addAll(Permission.grantedBy(role.getRules())));
    declared = WorkflowPermissions.of(OpenLuffyInstanceReconciler.class);
    audit = OperatorAudit.run();
  }

  @Test
  void clusterRoleCoversEveryDependentOfTheWorkflow() {
    assertThat(granted).containsAll(declared);
  }

  @Test
  void clusterRoleCoversEveryRequestTheRunningOperatorMade() {
    assertThat(audit.used()).as("the audit saw the operator at work").hasSizeGreaterThan(10);
    assertThat(grantedAnywhere).containsAll(audit.used());
  }

  @Test
  void clusterRoleGrantsNothingTheOperatorDoesNotUse() {
    Set<Permission> needed = new HashSet<>(declared);
    needed.addAll(audit.used());
    if (audit.blocksOwnerDeletion()) {
      // OwnerReferencesPermissionEnforcement: blockOwnerDeletion needs update on the owner's finalizers.
      needed.add(new Permission("openluffy.io", "openluffyinstances/finalizers", "update"));
    }

    assertThat(granted).isSubsetOf(needed);
  }

  @Test
  void nothingForbiddenIsGranted() {
    for (PolicyRule rule : clusterRules) {
      assertThat(rule.getVerbs()).doesNotContainAnyElementsOf(FORBIDDEN_VERBS);
      assertThat(rule.getResources()).doesNotContainAnyElementsOf(FORBIDDEN_RESOURCES);
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
    }
    // Cluster-wide Secret list/watch only because an informer of the workflow needs it.
    Stream.of("list", "watch").map(verb -> new Permission("", "secrets", verb))
        .filter(granted::contains)
        .forEach(permission -> assertThat(declared).contains(permission));
    assertThat(granted).noneMatch(p -> p.resource().equals("secrets") && Set.of("get", "update", "delete").contains(p.verb()));
  }

  @Test
  void operatorListsAndWatchesOnlyItsOwnSecrets() {
    // RBAC cannot filter by label: the cluster-wide Secret grant is only acceptable because the
    // operator's own requests always are.
    assertThat(audit.used()).contains(new Permission("", "secrets", "watch"));
    assertThat(audit.unfilteredSecretReads()).isEmpty();
  }

  @Test
  void leaderElectionTouchesOnlyLeasesInTheReleaseNamespace() {
    Role role = role("-leader-election");

    assertThat(role.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
    // which verbs: RbacIT (operator module) compares them with what the real API server audits
    assertThat(Permission.grantedBy(role.getRules())).allMatch(p -> p.resource().equals("leases"));
    assertThat(granted).noneMatch(p -> p.resource().equals("leases"));
  }

  @Test
  void eventsAreWrittenOnlyInNamespaceDefaultWhereTheApiServerWantsThemForClusterScopedObjects() {
    Role role = role("-events");

    assertThat(role.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(Permission.grantedBy(role.getRules())).allMatch(p -> p.resource().equals("events"))
        .containsAll(audit.used().stream().filter(p -> p.resource().equals("events")).toList());
    assertThat(granted).noneMatch(p -> p.resource().equals("events"));
  }

  private static Role role(String suffix) {
    return RenderedChart.render(Environment.PROD.valuesFile).all(Role.class).stream()
        .filter(r -> r.getMetadata().getName().endsWith(suffix)).findFirst().orElseThrow();
  }
}
