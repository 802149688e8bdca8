package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.ApiDisruptionBudgetDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.dependent.VerifyCronJobDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.ObjectStores;
import io.openluffy.operator.testing.RestrictedPodSecurity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pod settings that hold on a real cluster: resources of every container, probes, shutdown, shared memory, drains
 * and spreading.
 */
class WorkloadsTest extends MockClusterTest {

  @Test
  void postgresSurvivesLongRecoveriesShutsDownCleanlyAndHasRoomForParallelQueries() {
    var instance = cluster.createReady(MockCluster.instance("pgpod", spec -> { }));
    var pod = k8s.apps().statefulSets().inNamespace(instance.targetNamespace())
        .withName(PostgresStatefulSetDependent.name(instance)).get().getSpec().getTemplate().getSpec();
    Container postgres = pod.getContainers().get(0);

    assertThat(postgres.getStartupProbe().getFailureThreshold() * postgres.getStartupProbe().getPeriodSeconds())
        .as("seconds of crash recovery before liveness may act").isGreaterThanOrEqualTo(3600);
    assertThat(postgres.getLifecycle().getPreStop().getExec().getCommand()).last().asString()
        .contains("pg_ctl stop", "-m fast");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(120L);
    assertThat(pod.getVolumes()).anySatisfy(volume -> {
      assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory");
      assertThat(postgres.getVolumeMounts()).anySatisfy(mount -> {
        assertThat(mount.getName()).isEqualTo(volume.getName());
        assertThat(mount.getMountPath()).isEqualTo("/dev/shm");
      });
    });
    assertThat(postgres.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(postgres.getResources().getLimits()).as("no OOM kill of the postmaster").doesNotContainKey("memory");
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
  }

  @Test
  void severalApiReplicasGetADisruptionBudgetAndSpreadAndOneReplicaNeither() {
    var instance = cluster.createReady(MockCluster.instance("spread", spec -> {
      spec.setApiServer(new ApiServerSpec());
      spec.getApiServer().setReplicas(2);
    }));
    String ns = instance.targetNamespace();
    PodDisruptionBudget pdb = k8s.policy().v1().podDisruptionBudget().inNamespace(ns)
        .withName(ApiDisruptionBudgetDependent.name(instance)).get();
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(k8s.apps().deployments().inNamespace(ns)
        .withName(ApiDeploymentDependent.name(instance)).get().getSpec().getSelector().getMatchLabels());
    assertThat(apiPod(instance).getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
        .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");

    k8s.resources(OpenLuffyInstance.class).withName("spread").edit(i -> {
      i.getSpec().getApiServer().setReplicas(1);
      return i;
    });
    await().atMost(MockCluster.PATIENCE).until(() -> k8s.policy().v1().podDisruptionBudget().inNamespace(ns)
        .withName(ApiDisruptionBudgetDependent.name(instance)).get() == null);
    await().atMost(MockCluster.PATIENCE).until(() -> apiPod(instance).getTopologySpreadConstraints().isEmpty());
  }

  @Test
  void apiServerResourcesAreCompletedWithoutOverridingWhatTheSpecSays() {
    var instance = cluster.createReady(MockCluster.instance("sized", spec -> {
      spec.setApiServer(new ApiServerSpec());
      // a lone CPU limit: Kubernetes makes it the request, so no default request may undercut it
      spec.getApiServer().setResources(new ResourceRequirementsBuilder()
          .withLimits(Map.of("cpu", new Quantity("50m"))).withRequests(Map.of("memory", new Quantity("2Gi")))
          .build());
    }));
    var resources = apiPod(instance).getContainers().get(0).getResources();

    assertThat(resources.getRequests()).isEqualTo(Map.of("memory", new Quantity("2Gi")));
    assertThat(resources.getLimits()).isEqualTo(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("2Gi")));
    var defaults = apiPod(cluster.createReady(MockCluster.instance("plain", spec -> { }))).getContainers().get(0)
        .getResources();
    assertThat(defaults.getRequests()).containsKeys("cpu", "memory");
    assertThat(defaults.getLimits()).containsOnlyKeys("memory");
  }

  @Test
  void everyContainerTheOperatorCreatesRequestsResourcesSoNoPodRunsBestEffort() {
    var instance = cluster.createReady(MockCluster.instance("qos", spec -> {
      spec.setBackup(new BackupSpec());
      spec.getBackup().setVerify("0 4 * * 0");
      // the upload and download containers too
      ObjectStores.offsite(spec);
    }));
    String ns = instance.targetNamespace();
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    pods.put("postgres", k8s.apps().statefulSets().inNamespace(ns).withName(PostgresStatefulSetDependent.name(instance))
        .get().getSpec().getTemplate().getSpec());
    pods.put("api", apiPod(instance));
    for (String cronJob : List.of(BackupCronJobDependent.name(instance), VerifyCronJobDependent.name(instance))) {
      pods.put(cronJob, k8s.batch().v1().cronjobs().inNamespace(ns).withName(cronJob).get().getSpec()
          .getJobTemplate().getSpec().getTemplate().getSpec());
    }
    // an OpenLuffyBackup's Job is the backup CronJob's pod (OnDemandBackupTest); a restore's is made the same way
    pods.put("restore", BackupJob.restoreSpec(instance, Map.of(), "latest", false).getTemplate().getSpec());
    pods.put("restore from the store", BackupJob.restoreSpec(instance, Map.of(), "latest", true).getTemplate()
        .getSpec());

    pods.forEach((pod, spec) -> {
      List<Container> containers = new ArrayList<>(spec.getContainers());
      containers.addAll(spec.getInitContainers());
      assertThat(containers).as(pod).isNotEmpty().allSatisfy(container -> assertThat(Optional.ofNullable(
          container.getResources()).map(ResourceRequirements::getRequests).orElse(Map.of()))
          .as(pod + "/" + container.getName()).containsKeys("cpu", "memory"));
    });
    for (String pod : List.of(BackupCronJobDependent.name(instance), VerifyCronJobDependent.name(instance),
        "restore")) {
      assertThat(pods.get(pod).getContainers().get(0).getResources().getLimits())
          .as(pod + ": a large dump cannot take the database pod's memory").isEqualTo(Map.of("memory",
              new Quantity("1Gi")));
    }
  }

  @Test
  void backupResourcesFromTheSpecWinAndTheMemoryLimitNeverUndercutsTheRequest() {
    var instance = cluster.createReady(MockCluster.instance("bigdump", spec -> {
      spec.setBackup(new BackupSpec());
      spec.getBackup().setResources(new ResourceRequirementsBuilder()
          .withRequests(Map.of("memory", new Quantity("3Gi"))).build());
    }));
    var resources = k8s.batch().v1().cronjobs().inNamespace(instance.targetNamespace())
        .withName(BackupCronJobDependent.name(instance)).get().getSpec().getJobTemplate().getSpec().getTemplate()
        .getSpec().getContainers().get(0).getResources();

    assertThat(resources.getRequests()).isEqualTo(Map.of("memory", new Quantity("3Gi"), "cpu", new Quantity("100m")));
    assertThat(resources.getLimits()).isEqualTo(Map.of("memory", new Quantity("3Gi")));
  }

  private PodSpec apiPod(OpenLuffyInstance instance) {
    return k8s.apps().deployments().inNamespace(instance.targetNamespace())
        .withName(ApiDeploymentDependent.name(instance)).get().getSpec().getTemplate().getSpec();
  }
}
