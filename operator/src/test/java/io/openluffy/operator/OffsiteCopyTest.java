package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.openluffy.operator.crd.NetworkPolicyProfile;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import io.openluffy.operator.dependent.ApiNetworkPolicyDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupJob;
import io.openluffy.operator.dependent.BackupNetworkPolicyDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import io.openluffy.operator.testing.ObjectStores;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * spec.backup.objectStore on the mock: the scheduled backup's pod, the strict profile's egress towards the store, and
 * the specs refused before anything is created. (The Jobs' runs: OnDemandBackupTest and RestoreTest; the store
 * removed again, which the mock's non-SSA matching cannot show: BackupIT.)
 */
class OffsiteCopyTest extends MockClusterTest {

  @Test
  void theStrictProfileLetsBackupPodsReachTheStoresCidrsOnItsPort() {
    var instance = cluster.createReady(MockCluster.instance("strictstore", spec -> {
      strict(spec);
      ObjectStores.offsite(spec);
    }));
    var egress = await().atMost(MockCluster.PATIENCE).until(() -> policy(instance,
        BackupNetworkPolicyDependent.name(instance)), p -> p != null && p.getSpec().getEgress().size() == 3)
        .getSpec().getEgress();
    assertThat(egress.get(2).getTo()).singleElement()
        .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo(ObjectStores.CIDR));
    assertThat(egress.get(2).getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort().getIntVal()).as("the endpoint's port").isEqualTo(9000);
      assertThat(port.getProtocol()).isEqualTo("TCP");
    });
    assertThat(policy(instance, ApiNetworkPolicyDependent.name(instance)).getSpec().getEgress())
        .as("the API server gets no way to the store").flatMap(NetworkPolicyEgressRule::getTo)
        .noneMatch(peer -> peer.getIpBlock() != null && ObjectStores.CIDR.equals(peer.getIpBlock().getCidr()));
    assertThat(backupPod(instance, pod -> pod.getInitContainers().size() == 1).getContainers())
        .extracting(c -> c.getName()).containsExactly(BackupJob.UPLOAD_CONTAINER);
  }

  @Test
  void aStoreTheStrictProfileWouldNotLetTheBackupReachIsInvalidSpecAndCreatesNothing() {
    cluster.create(MockCluster.instance("nocidrs", spec -> {
      strict(spec);
      ObjectStores.offsite(spec);
      spec.getBackup().getObjectStore().setEgressCidrs(List.of());
    }));

    var ready = cluster.awaitCondition("nocidrs", "Ready", "False").getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.backup.objectStore.egressCidrs: the strict network-policy profile"
        + " denies the backup pods any egress but DNS and PostgreSQL; list the CIDRs of " + ObjectStores.ENDPOINT
        + " (its port 9000 is opened to them)");
    assertThat(k8s.namespaces().withName("openluffy-nocidrs").get()).isNull();
  }

  private static void strict(OpenLuffyInstanceSpec spec) {
    spec.setNetworkPolicy(new NetworkPolicySpec());
    spec.getNetworkPolicy().setProfile(NetworkPolicyProfile.STRICT);
  }

  private static NetworkPolicy policy(OpenLuffyInstance instance, String name) {
    return k8s.network().v1().networkPolicies().inNamespace(instance.targetNamespace()).withName(name).get();
  }

  private static PodSpec backupPod(OpenLuffyInstance instance, Predicate<PodSpec> until) {
    return await().atMost(MockCluster.PATIENCE).until(() -> k8s.batch().v1().cronjobs()
        .inNamespace(instance.targetNamespace()).withName(BackupCronJobDependent.name(instance)).get()
        .getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), until);
  }
}
