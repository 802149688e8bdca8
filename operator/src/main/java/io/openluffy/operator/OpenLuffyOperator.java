package io.openluffy.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.reconciler.OpenLuffyInstanceReconciler;
import io.openluffy.operator.reconciler.StatusContributor;
import io.openluffy.operator.reconciler.WorkloadStatus;
import java.time.Clock;
import java.util.List;

/**
 * The composition root: builds the whole operator from a client and the typed config. {@link Main} uses it with
 * an in-cluster client, tests and benchmarks with the mock server's, so they run exactly the same operator.
 */
public final class OpenLuffyOperator implements AutoCloseable {

  static final String LEASE_NAME = "openluffy-operator-lease";

  private final Operator operator;
  // Operator.start() holds the operator's monitor until every informer has synced; probes must not wait on it.
  private volatile boolean started;

  private OpenLuffyOperator(Operator operator) {
    this.operator = operator;
  }

  public static OpenLuffyOperator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
    var operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource()
              .build())
          // The one SSA switch: the fabric8 mock server cannot apply, real clusters should.
          .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
          .withUseSSAToPatchPrimaryResource(config.serverSideApply());
      if (config.leaderElection()) {
        overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME, config.namespace()));
      }
    });
    operator.register(new OpenLuffyInstanceReconciler(config, contributors(), Clock.systemUTC()));
    return new OpenLuffyOperator(operator);
  }

  /** Status steps in order; the admin bootstrap step goes last, after ApiServerReady is known. */
  private static List<StatusContributor> contributors() {
    return List.of(new WorkloadStatus());
  }

  public OpenLuffyOperator start() {
    operator.start();
    started = true;
    return this;
  }

  /** Started and every informer healthy: what /readyz reports. */
  public boolean isReady() {
    return started && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
