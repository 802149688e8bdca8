package io.openluffy.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import io.openluffy.operator.crd.Phase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {

  static final Clock T0 = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
  static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T11:00:00Z"), ZoneOffset.UTC);

  @Test
  void readyWhenEveryRequiredConditionIsTrueAndInformationalOnesDoNotBlock() {
    var status = new StatusBuilder(instance(3, null), T0)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok")
        .required(ConditionType.API_SERVER_READY, true, "DeploymentAvailable", "ok")
        .informational(ConditionType.BACKUP_SCHEDULED, false, "BackupDisabled", "off")
        .build();

    assertThat(status.isTrue(ConditionType.READY)).isTrue();
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
  }

  @Test
  void notReadyNamesWhatItWaitsFor() {
    var status = new StatusBuilder(instance(1, null), T0)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok")
        .required(ConditionType.API_SERVER_READY, false, "DeploymentUnavailable", "waiting")
        .build();

    var ready = status.condition(ConditionType.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains(ConditionType.API_SERVER_READY).doesNotContain(ConditionType.DATABASE_READY);
    assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
  }

  @Test
  void aRunningRestoreIsPhaseRestoringThenDegradedUntilTheApiServerIsBack() {
    var restoring = new StatusBuilder(instance(1, null), T0)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok")
        .required(ConditionType.API_SERVER_READY, false, "DeploymentUnavailable", "scaled to zero")
        .restoring("OpenLuffyRestore r1 is restoring dump latest")
        .build();
    var after = new StatusBuilder(instance(1, restoring), T1)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok")
        .required(ConditionType.API_SERVER_READY, false, "DeploymentUnavailable", "starting")
        .build();

    assertThat(restoring.getPhase()).isEqualTo(Phase.Restoring);
    assertThat(restoring.condition(ConditionType.READY).orElseThrow().getReason()).isEqualTo("Restoring");
    assertThat(restoring.condition(ConditionType.READY).orElseThrow().getMessage()).contains("OpenLuffyRestore r1");
    assertThat(after.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    var first = new StatusBuilder(instance(1, null), T0)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok")
        .required(ConditionType.API_SERVER_READY, false, "Creating", "waiting")
        .build();
    var second = new StatusBuilder(instance(1, first), T1)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok")
        .required(ConditionType.API_SERVER_READY, true, "DeploymentAvailable", "ok")
        .build();

    assertThat(second.condition(ConditionType.DATABASE_READY).orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T10:00:00Z");
    assertThat(second.condition(ConditionType.API_SERVER_READY).orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T11:00:00Z");
    assertThat(second.condition(ConditionType.READY).orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T11:00:00Z");
  }

  @Test
  void sameWorldLaterGivesAnEqualStatusSoNothingIsPatched() {
    var first = new StatusBuilder(instance(2, null), T0)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok").namespace("ns").endpoint("e").build();
    var again = new StatusBuilder(instance(2, first), T1)
        .required(ConditionType.DATABASE_READY, true, "StatefulSetReady", "ok").namespace("ns").endpoint("e").build();

    assertThat(again).isEqualTo(first);
  }

  @Test
  void failureOverridesEverythingWithItsReason() {
    var status = new StatusBuilder(instance(1, null), T0).failed("InvalidSpec", "spec.x: bad").build();

    var ready = status.condition(ConditionType.READY).orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).isEqualTo("spec.x: bad");
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
  }

  @Test
  void retriedErrorIsNotReadyButNotFailed() {
    var status = new StatusBuilder(instance(1, null), T0)
        .error("ReconcileError", "Kubernetes API error 500: boom").build();

    assertThat(status.condition(ConditionType.READY).orElseThrow().getReason()).isEqualTo("ReconcileError");
    assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
  }

  @Test
  void phaseIsBootstrappingWhenOnlyTheAdminIsMissingAndDegradedAfterHavingBeenReady() {
    var bootstrapping = new StatusBuilder(instance(1, null), T0)
        .required(ConditionType.API_SERVER_READY, true, "DeploymentAvailable", "ok")
        .required(ConditionType.ADMIN_BOOTSTRAPPED, false, "ApiServerUnreachable", "retrying")
        .build();
    assertThat(bootstrapping.getPhase()).isEqualTo(Phase.Bootstrapping);

    var ready = new StatusBuilder(instance(1, null), T0)
        .required(ConditionType.API_SERVER_READY, true, "DeploymentAvailable", "ok").build();
    var degraded = new StatusBuilder(instance(1, ready), T1)
        .required(ConditionType.API_SERVER_READY, false, "DeploymentUnavailable", "down").build();
    assertThat(degraded.getPhase()).isEqualTo(Phase.Degraded);
  }

  private static OpenLuffyInstance instance(long generation, OpenLuffyInstanceStatus status) {
    var instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName("unit").withGeneration(generation).build());
    instance.setStatus(status);
    return instance;
  }
}
