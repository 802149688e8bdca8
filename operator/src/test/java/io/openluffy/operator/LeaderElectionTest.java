package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas with leader election on one cluster: only the Lease holder reconciles; when it stops, the
 * other takes the Lease over and reconciles. The mock server answers JOSDK's SelfSubjectRulesReview with the chart's
 * leader-election Role (leases get, create, update in the operator namespace).
 */
class LeaderElectionTest {

  @Test
  void onlyTheLeaseHolderReconcilesAndTheOtherTakesOverWhenItStops() {
    try (var cluster = MockCluster.withoutOperator()) {
      var registryA = new SimpleMeterRegistry();
      var registryB = new SimpleMeterRegistry();
      var a = cluster.replica("operator-a", registryA).start();
      assertThat(awaitLeaseHolder(cluster, "operator-a").getMetadata().getNamespace())
          .isEqualTo(MockCluster.OPERATOR_NAMESPACE);
      try (var b = cluster.replica("operator-b", registryB).start()) {
        var instance = cluster.createReady(MockCluster.instance("elected", spec -> { }));

        assertThat(MockCluster.reconciliations(registryA)).isPositive();
        assertThat(MockCluster.reconciliations(registryB)).as("the follower reconciles nothing").isZero();
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("operator-a");

        a.close();
        awaitLeaseHolder(cluster, "operator-b");
        // The new leader does the work: a deleted Service comes back.
        cluster.client().services().inNamespace(instance.targetNamespace())
            .withName(ApiServiceDependent.name(instance)).delete();
        await().atMost(MockCluster.PATIENCE).until(() -> cluster.client().services()
            .inNamespace(instance.targetNamespace()).withName(ApiServiceDependent.name(instance)).get() != null);
        assertThat(MockCluster.reconciliations(registryB)).isPositive();
        assertThat(cluster.get("elected").getStatus().isTrue(ConditionType.READY)).isTrue();
      }
    }
  }

  private static Lease lease(MockCluster cluster) {
    return cluster.client().resources(Lease.class).inNamespace(MockCluster.OPERATOR_NAMESPACE)
        .withName(OpenLuffyOperator.LEASE_NAME).get();
  }

  // The Lease is not released on stop: the follower takes it once it expires (15 s), well within PATIENCE.
  private static Lease awaitLeaseHolder(MockCluster cluster, String identity) {
    return await().atMost(MockCluster.PATIENCE).until(() -> lease(cluster),
        lease -> lease != null && identity.equals(lease.getSpec().getHolderIdentity()));
  }
}
