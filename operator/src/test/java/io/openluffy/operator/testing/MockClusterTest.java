package io.openluffy.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the operator tests: one {@link MockCluster} (mock API server + running operator) per test class. */
public abstract class MockClusterTest {

  protected static MockCluster cluster;
  protected static KubernetesClient k8s;
  /** Everything logged from before the operator starts, for "no secret in logs" checks. */
  protected static CapturedLogs logs;

  @BeforeAll
  static void startCluster() {
    logs = new CapturedLogs();
    cluster = MockCluster.start();
    k8s = cluster.client();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
    logs.close();
  }
}
