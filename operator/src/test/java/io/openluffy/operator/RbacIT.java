package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.DeletionPolicy;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyBackup;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.crd.RestoreSpec;
import io.openluffy.operator.crd.RunSpec;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.events.InstanceEvents;
import io.openluffy.operator.testing.LocalApiServers;
import io.openluffy.operator.testing.MockCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's RBAC (its ClusterRole and leader-election Role as installed) against every request the real API server
 * audited of the operator's ServiceAccount over an instance's whole life: nothing refused, nothing granted unused.
 */
@ExtendWith(ControlPlaneExtension.class)
class RbacIT {

  record Permission(String apiGroup, String resource, String verb) implements Comparable<Permission> {
    @Override
    public int compareTo(Permission o) {
      return toString().compareTo(o.toString());
    }
  }

  @Test
  void theChartGrantsExactlyWhatTheOperatorUsesOverAnInstancesLife(ControlPlane plane, @TempDir Path data)
      throws Exception {
    KubernetesClient admin = plane.admin();
    try (var chart = ChartOperator.install(plane); var apiServers = new LocalApiServers(data)) {
      long mark = plane.audit().mark();
      admin.secrets().inNamespace(ChartOperator.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
          .withName("rbac-admin").addToLabels(AdminSecretPolicy.LABEL, "rbac").endMetadata()
          .withStringData(Map.of("email", "admin@rbac.local", "password", "Rbac-admin-password-1")).build()).create();
      apiServers.start("rbac");
      chart.startReplica("rbac-replica", apiServers);
      // an expandable class: the backup claim grows below
      admin.resource(new StorageClassBuilder().withNewMetadata().withName("rbac-expandable").endMetadata()
          .withProvisioner("openluffy.io/test-provisioner").withAllowVolumeExpansion(true).build()).serverSideApply();
      OpenLuffyInstance instance = admin.resource(MockCluster.instance("rbac", spec -> {
        spec.setHost("rbac.example");
        spec.setDatabase(new DatabaseSpec());
        spec.getDatabase().setStorageClassName("rbac-expandable");
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        spec.setBootstrap(MockCluster.adminSecret(ChartOperator.NAMESPACE, "rbac-admin"));
        // two replicas: a PodDisruptionBudget, deleted below with the second replica
        spec.setApiServer(new ApiServerSpec());
        spec.getApiServer().setReplicas(2);
      })).create();
      Instances.awaitReady(admin, "rbac");
      String ns = instance.targetNamespace();
      // a backup run finishes (kwok completes the Job's pod): the operator reads its result
      plane.kubectl("-n", ns, "create", "job", "rbac-backup-now", "--from=cronjob/" + BackupCronJobDependent.name(instance));
      Instances.awaitCondition(admin, "rbac", "LastBackupSucceeded", "True");
      // an on-demand backup: the operator creates its Job and reports it
      var onDemand = new OpenLuffyBackup();
      onDemand.setMetadata(new ObjectMetaBuilder().withName("rbac-now").withNamespace(ns).build());
      onDemand.setSpec(new RunSpec());
      onDemand.getSpec().setInstance("rbac");
      admin.resource(onDemand).create();
      await("OpenLuffyBackup rbac-now final").atMost(Instances.PATIENCE)
          .until(() -> admin.resource(onDemand).get().getStatus(), status -> status != null && status.isFinal());
      // a restore: the API server to zero and back, the restore Job in between
      var restore = new OpenLuffyRestore();
      restore.setMetadata(new ObjectMetaBuilder().withName("rbac-restore").withNamespace(ns).build());
      restore.setSpec(new RestoreSpec());
      restore.getSpec().setInstance("rbac");
      restore.getSpec().setDump("latest");
      admin.resource(restore).create();
      await("OpenLuffyRestore rbac-restore final").atMost(Instances.PATIENCE)
          .until(() -> admin.resource(restore).get().getStatus(), status -> status != null && status.isFinal());
      Instances.awaitReady(admin, "rbac");
      // the backup volume grows: its StorageClass read, the claim patched (the edit retried when it meets a status
      // write of the operator: 409)
      await().atMost(Instances.PATIENCE).ignoreExceptions().until(() -> admin.resources(OpenLuffyInstance.class)
          .withName("rbac").edit(i -> {
            i.getSpec().setBackup(new BackupSpec());
            i.getSpec().getBackup().setStorage("25Gi");
            return i;
          }) != null);
      await("backup claim grown").atMost(Instances.PATIENCE).until(() -> "25Gi".equals(admin.persistentVolumeClaims()
          .inNamespace(ns).withName(BackupPvcDependent.name(instance)).get().getSpec().getResources().getRequests()
          .get("storage").toString()));
      // features switched off: the operator deletes what they needed
      admin.resources(OpenLuffyInstance.class).withName("rbac").edit(i -> {
        i.getSpec().setHost(null);
        i.getSpec().getApiServer().setReplicas(1);
        i.getSpec().setNetworkPolicy(new NetworkPolicySpec());
        i.getSpec().getNetworkPolicy().setEnabled(false);
        i.getSpec().getBackup().setEnabled(false);
        return i;
      });
      await("policies, ingress, budget and CronJob deleted").atMost(Instances.PATIENCE).until(() ->
          admin.network().v1().networkPolicies().inNamespace(ns).list().getItems().isEmpty()
              && admin.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems().isEmpty()
              && admin.network().v1().ingresses().inNamespace(ns).list().getItems().isEmpty()
              && admin.batch().v1().cronjobs().inNamespace(ns).list().getItems().isEmpty());
      // drift: a deleted workload is re-created
      admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance)).delete();
      await().atMost(Instances.PATIENCE).until(() ->
          admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance)).get() != null);
      Instances.awaitReady(admin, "rbac");
      admin.resource(instance).delete();
      await().atMost(Instances.PATIENCE).until(() -> admin.namespaces().withName(ns).get() == null);

      List<AuditLog.Request> requests = plane.audit().since(mark, ChartOperator.USER);
      assertThat(requests).as("refused requests").noneMatch(r -> r.code() == 403);
      Set<Permission> used = requests.stream()
          // granted to every authenticated user (system:basic-user), not by the chart
          .filter(r -> !r.resource().equals("selfsubjectrulesreviews")).map(r -> new Permission(r.apiGroup(),
          r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource(), r.verb()))
          .collect(Collectors.toCollection(TreeSet::new));
      Set<Permission> granted = Stream.of(
              admin.rbac().clusterRoles().withName(ChartOperator.SERVICE_ACCOUNT).get().getRules().stream(),
              admin.rbac().roles().inNamespace(ChartOperator.NAMESPACE)
                  .withName(ChartOperator.SERVICE_ACCOUNT + "-leader-election").get().getRules().stream(),
              admin.rbac().roles().inNamespace(InstanceEvents.NAMESPACE)
                  .withName(ChartOperator.SERVICE_ACCOUNT + "-events").get().getRules().stream())
          .flatMap(rules -> rules)
          .flatMap(RbacIT::permissions).collect(Collectors.toCollection(TreeSet::new));
      System.out.println("[real tier] operator permissions used over an instance's life: " + used);
      assertThat(granted).as("granted, used").containsAll(used);
      Set<Permission> unused = new TreeSet<>(granted);
      unused.removeAll(used);
      System.out.println("[real tier] granted, unused under SSA: " + unused);
      assertThat(unused).as("granted but never used under SSA: a grant beyond this list is one too many")
          .allMatch(RbacIT::neededOutsideSsa);
    }
  }

  /**
   * What the chart grants for paths this life does not take: create and update are what the chart's
   * serverSideApply=false mode uses instead of apply (audited on the mock tier by the helm module's
   * RbacCoverageTest), delete on the always-present workloads and Services and patch on Secrets are what JOSDK's
   * dependents may do (WorkflowPermissions), get on instances is its re-read after a conflict, get on Jobs the re-read of
 * an on-demand backup's Job the cache has not seen yet, and update on the
   * Lease is what JOSDK checks for before it starts (its SelfSubjectRulesReview) although fabric8 renews with patch.
   * A grant outside this list that the life above never used fails the test.
   */
  private static boolean neededOutsideSsa(Permission p) {
    return p.verb().equals("create") || p.verb().equals("update")
        || (p.verb().equals("delete") && Set.of("services", "deployments", "statefulsets").contains(p.resource()))
        || p.equals(new Permission("", "secrets", "patch"))
        // JOSDK never applies ConfigMaps server-side (its default non-SSA types): the scripts ConfigMap is created
        // and updated, and the patch grant comes with the rule it shares with Services
        || p.equals(new Permission("", "configmaps", "patch"))
        || p.equals(new Permission("openluffy.io", "openluffyinstances", "get"))
        // the count of an Event whose change came again, which this life may not repeat
        || p.equals(new Permission("", "events", "patch"))
        // an OpenLuffyBackup's Job read again when the cache has not seen it yet (audited by RbacCoverageTest)
        || p.equals(new Permission("batch", "jobs", "get"));
  }

  private static Stream<Permission> permissions(PolicyRule rule) {
    return rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
        .flatMap(resource -> rule.getVerbs().stream().map(verb -> new Permission(group, resource, verb))));
  }
}
