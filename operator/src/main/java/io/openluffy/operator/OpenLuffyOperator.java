package io.openluffy.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.openluffy.operator.backup.OpenLuffyBackupReconciler;
import io.openluffy.operator.backup.OpenLuffyRestoreReconciler;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.bootstrap.AdminSecretWatch;
import io.openluffy.operator.bootstrap.ApiServerLocator;
import io.openluffy.operator.bootstrap.BootstrapClient;
import io.openluffy.operator.bootstrap.RetryBackoff;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.reconciler.AdminBootstrapStatus;
import io.openluffy.operator.reconciler.GeneratedSecretsStatus;
import io.openluffy.operator.reconciler.IngressStatus;
import io.openluffy.operator.reconciler.InstanceMetrics;
import io.openluffy.operator.reconciler.LastBackupStatus;
import io.openluffy.operator.reconciler.LastVerificationStatus;
import io.openluffy.operator.reconciler.OpenLuffyInstanceReconciler;
import io.openluffy.operator.reconciler.RestoreStatus;
import io.openluffy.operator.reconciler.StatusContributor;
import io.openluffy.operator.reconciler.StorageResize;
import io.openluffy.operator.reconciler.WorkloadStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The composition root: builds the whole operator from a client and the typed config. {@link Main} uses it with
 * an in-cluster client, tests and benchmarks with the mock server's, so they run exactly the same operator.
 */
public final class OpenLuffyOperator implements AutoCloseable {

  public static final String LEASE_NAME = "openluffy-operator-lease";
  // A reconcile thread waits at most connect + request timeout for the bootstrap call.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration RETRY_INITIAL = Duration.ofSeconds(2);
  private static final Duration RETRY_MAX = Duration.ofMinutes(1);

  private final Operator operator;
  private final OpenLuffyInstanceReconciler reconciler;
  // Operator.start() holds the operator's monitor until every informer has synced; probes must not wait on it.
  private volatile boolean started;

  private OpenLuffyOperator(Operator operator, OpenLuffyInstanceReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
  }

  public static OpenLuffyOperator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
    return create(client, config, registry, inClusterApiServers());
  }

  /** The API servers as reached from inside the cluster: through each instance's API Service. */
  public static ApiServerLocator inClusterApiServers() {
    return instance -> URI.create(ApiServiceDependent.url(instance));
  }

  /** Same, reaching the instances' API servers through {@code apiServers} (tests map them to local ports). */
  public static OpenLuffyOperator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry,
      ApiServerLocator apiServers) {
    return create(client, config, registry, apiServers, Candidate.POD);
  }

  /**
   * How a replica takes part in leader election (with {@code config.leaderElection()}).
   *
   * @param identity its name in the Lease; {@code null}: JOSDK's default, the pod name ({@code $HOSTNAME})
   * @param exitOnStopLeading whether the process exits when it stops leading, so a replica that lost the Lease can
   *     never reconcile alongside the new leader (Kubernetes restarts it as a follower). Only tests, which run several
   *     replicas in one JVM, turn it off.
   */
  public record Candidate(String identity, boolean exitOnStopLeading) {
    public static final Candidate POD = new Candidate(null, true);
  }

  /** Same, with several replicas in one process (tests): each a {@link Candidate} of its own. */
  public static OpenLuffyOperator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry,
      ApiServerLocator apiServers, Candidate candidate) {
    var operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource()
              .build())
          // The one SSA switch: the fabric8 mock server cannot apply, real clusters should.
          .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
          .withUseSSAToPatchPrimaryResource(config.serverSideApply());
      if (config.leaderElection()) {
        overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME, config.namespace(),
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, candidate.identity(), null,
            candidate.exitOnStopLeading()));
      }
    });
    Clock clock = Clock.systemUTC();
    var reconciler = new OpenLuffyInstanceReconciler(config, contributors(config, apiServers, clock), clock,
        new InstanceMetrics(registry, clock));
    operator.register(reconciler);
    operator.register(new OpenLuffyBackupReconciler(config.serverSideApply()));
    operator.register(new OpenLuffyRestoreReconciler(config.serverSideApply()));
    return new OpenLuffyOperator(operator, reconciler);
  }

  /** Status steps in order; the admin bootstrap step comes after ApiServerReady is known, the Ingress after it. */
  private static List<StatusContributor> contributors(OperatorConfig config, ApiServerLocator apiServers,
      Clock clock) {
    var bootstrap = new AdminBootstrapStatus(apiServers, new BootstrapClient(CONNECT_TIMEOUT, REQUEST_TIMEOUT),
        new AdminSecretWatch(), new AdminSecretPolicy(config.adminSecretNamespace()),
        new RetryBackoff(RETRY_INITIAL, RETRY_MAX), clock);
    return List.of(new GeneratedSecretsStatus(), new WorkloadStatus(), new StorageResize(), new LastBackupStatus(),
        new LastVerificationStatus(), new RestoreStatus(),
        bootstrap, new IngressStatus());
  }

  public OpenLuffyOperator start() {
    operator.start();
    started = true;
    return this;
  }

  /**
   * What /healthz reports: true while starting (a failed start exits the process, see {@link Main}), then only while
   * every informer is healthy. Informers run on followers too (only event processing waits for the Lease), so a
   * follower that cannot watch is restarted as well.
   */
  public boolean isAlive() {
    return !started || operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Started and every informer healthy: what /readyz reports. */
  public boolean isReady() {
    return started && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    reconciler.stop();
    operator.stop();
  }
}
