package io.openluffy.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the real-tier tests that need one operator as the chart runs it, reaching API servers at their
 * in-cluster URLs (nothing answers there: kwok runs no containers). JUnit runs this class's {@code @BeforeAll}
 * before a subclass's and its {@code @AfterAll} after, so a subclass may create instances and delete them again.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OperatorOnControlPlane {

  protected ControlPlane plane;
  protected KubernetesClient admin;
  protected ChartOperator chart;

  @BeforeAll
  void startTheOperator(ControlPlane plane) {
    this.plane = plane;
    admin = plane.admin();
    chart = ChartOperator.install(plane);
    chart.start(OpenLuffyOperator.inClusterApiServers(), new SimpleMeterRegistry());
  }

  @AfterAll
  void stopTheOperator() {
    chart.close();
  }
}
