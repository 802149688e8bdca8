package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.testing.MockCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two replicas under the chart's leader-election Role, on the real API server. */
@ExtendWith(ControlPlaneExtension.class)
class LeaderElectionIT {

  /** JOSDK's default renew deadline (LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE). */
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);

  @Test
  void theLeaderKeepsItsLeaseAndTheOtherTakesOverWhenItStops(ControlPlane plane) {
    KubernetesClient admin = plane.admin();
    try (var chart = ChartOperator.install(plane)) {
      long mark = plane.audit().mark();
      var first = chart.startReplica("replica-a", OpenLuffyOperator.inClusterApiServers());
      await("replica-a leads").atMost(Instances.PATIENCE).until(() -> "replica-a".equals(holder(admin)));
      chart.startReplica("replica-b", OpenLuffyOperator.inClusterApiServers());
      int transitions = lease(admin).getSpec().getLeaseTransitions();

      // past three renew deadlines, with the follower trying all along
      await().during(RENEW_DEADLINE.multipliedBy(3).plusSeconds(5)).atMost(RENEW_DEADLINE.multipliedBy(5))
          .until(() -> "replica-a".equals(holder(admin)));
      assertThat(lease(admin).getSpec().getLeaseTransitions()).isEqualTo(transitions);
      List<AuditLog.Request> leaseRequests = plane.audit().since(mark, ChartOperator.USER).stream()
          .filter(r -> r.resource().equals("leases")).toList();
      assertThat(leaseRequests).as("renewals allowed by the chart's Role").isNotEmpty()
          .allSatisfy(r -> assertThat(r.code()).as(r.toString()).isNotEqualTo(403).isLessThan(500));

      chart.stop(first);
      await("replica-b takes over").atMost(Instances.PATIENCE).until(() -> "replica-b".equals(holder(admin)));
      admin.resource(MockCluster.instance("elected", spec -> { })).create();
      await("the new leader reconciles").atMost(Instances.PATIENCE).until(() -> {
        var instance = Instances.get(admin, "elected");
        return instance.getStatus() != null && instance.getStatus().getPhase() != null;
      });
      admin.resources(OpenLuffyInstance.class).withName("elected").delete();
      await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, "elected") == null);
    }
  }

  private static Lease lease(KubernetesClient admin) {
    return admin.leases().inNamespace(ChartOperator.NAMESPACE).withName(OpenLuffyOperator.LEASE_NAME).get();
  }

  private static String holder(KubernetesClient admin) {
    Lease lease = lease(admin);
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
