package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.testing.MockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InstanceLifecycleTest {

  static MockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void instanceBecomesReadyOnceItsWorkloadsAre() {
    var ready = cluster.createReady(MockCluster.instance("acme", spec -> spec.setEnvironment("prod")));

    assertThat(ready.getStatus().getPhase()).isEqualTo(Phase.Ready);
    assertThat(ready.getStatus().getNamespace()).isEqualTo("openluffy-acme");
    assertThat(ready.getStatus().getEndpoint()).isEqualTo("http://openluffy-acme-api.openluffy-acme.svc:8080");
  }
}
