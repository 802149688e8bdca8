package io.openluffy.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import io.openluffy.operator.testing.MockCluster;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Events of condition changes, on the mock server: named by what they say, counted when repeated. */
class InstanceEventsTest {

  final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void eachChangeIsOneEventAndTheSameChangeAgainOnlyCountsUp() {
    var cluster = MockCluster.withoutOperator();
    try {
      var client = cluster.client();
      var events = new InstanceEvents(client, clock);
      var instance = MockCluster.instance("prod", spec -> { });
      instance.getMetadata().setUid("uid-of-prod");
      var provisioning = status("False", "ComponentsNotReady", "Waiting for DatabaseReady");
      var refused = status("False", "InvalidSpec", "spec.apiServer.image: image x is not allowed");

      events.conditionChanges(instance, null, provisioning);
      events.conditionChanges(instance, provisioning, refused);
      events.conditionChanges(instance, refused, refused);
      events.conditionChanges(instance, provisioning, refused);

      List<Event> recorded = client.v1().events().inNamespace(InstanceEvents.NAMESPACE).list().getItems();
      assertThat(recorded).extracting(e -> e.getType() + " " + e.getReason() + " x" + e.getCount() + ": "
          + e.getMessage()).containsExactlyInAnyOrder(
              "Normal ComponentsNotReady x1: Ready: Waiting for DatabaseReady",
              "Warning InvalidSpec x2: Ready: spec.apiServer.image: image x is not allowed");
      assertThat(recorded).allSatisfy(e -> {
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("OpenLuffyInstance");
        assertThat(e.getInvolvedObject().getName()).isEqualTo("prod");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-of-prod");
        assertThat(e.getSource().getComponent()).isEqualTo("openluffy-operator");
      });
    } finally {
      cluster.close();
    }
  }

  private static OpenLuffyInstanceStatus status(String ready, String reason, String message) {
    var status = new OpenLuffyInstanceStatus();
    status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(ready).withReason(reason)
        .withMessage(message).build()));
    return status;
  }
}
