package io.openluffy.operator.reconciler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.openluffy.operator.crd.BackupStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import io.openluffy.operator.crd.Phase;
import io.openluffy.operator.crd.VerificationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-instance gauges for alerts and dashboards, from the status each reconcile computes; an instance's series go
 * when it is deleted. The instance is the label {@value #LABEL}, not {@code instance}, which Prometheus sets on every
 * scraped series to the target's address (ours would be renamed {@code exported_instance}). Lives beside the
 * reconciler because the backup interval is read with the same {@link CronSchedule} as the staleness check.
 */
public final class InstanceMetrics {

  public static final String LABEL = "openluffy_instance";
  /** How far ahead the backup interval is measured: long enough to see a weekend gap in a weekdays-only schedule. */
  private static final Duration HORIZON = Duration.ofDays(7);
  private static final int MAX_RUNS = 32;

  private record Snapshot(Phase phase, List<Condition> conditions, BackupStatus lastBackup, boolean backups,
      Optional<Duration> interval, VerificationStatus lastVerification, boolean verifying) {

    /** What decides which series exist; values are read at scrape time. */
    List<Object> series() {
      return List.of(conditions.stream().map(Condition::getType).toList(), lastSuccess(this).isPresent(), backups,
          interval.isPresent(), verifying);
    }
  }

  private final Clock clock;
  private final Map<String, Snapshot> instances = new ConcurrentHashMap<>();
  private final MultiGauge phase;
  private final MultiGauge condition;
  private final MultiGauge lastSuccess;
  private final MultiGauge lastFailed;
  private final MultiGauge interval;
  private final MultiGauge verificationFailed;

  public InstanceMetrics(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    phase = MultiGauge.builder("openluffy.instance.phase")
        .description("1 for the instance's current status.phase, 0 for the other phases").register(registry);
    condition = MultiGauge.builder("openluffy.instance.condition")
        .description("1 while the status condition is True, else 0").register(registry);
    lastSuccess = MultiGauge.builder("openluffy.backup.last.success.timestamp").baseUnit("seconds")
        .description("When a backup Job last succeeded (status.lastBackup.lastSuccessTime), Unix time")
        .register(registry);
    lastFailed = MultiGauge.builder("openluffy.backup.last.failed")
        .description("1 when the newest finished backup Job failed, else 0").register(registry);
    interval = MultiGauge.builder("openluffy.backup.interval").baseUnit("seconds")
        .description("Longest gap between two runs of spec.backup.schedule in the coming week").register(registry);
    verificationFailed = MultiGauge.builder("openluffy.backup.verification.last.failed")
        .description("1 when the newest finished verification Job (spec.backup.verify) failed, else 0")
        .register(registry);
  }

  /** The status a reconcile computed for {@code instance}. */
  synchronized void record(OpenLuffyInstance instance, OpenLuffyInstanceStatus status) {
    boolean backups = instance.spec().backupEnabled();
    Optional<Duration> gap = backups ? longestGap(instance.spec().backup().schedule()) : Optional.empty();
    Snapshot next = new Snapshot(status.getPhase(), List.copyOf(status.getConditions()), status.getLastBackup(),
        backups, gap, status.getLastVerification(), backups && instance.spec().backup().verify().isPresent());
    Snapshot previous = instances.put(instance.getMetadata().getName(), next);
    if (previous == null || !previous.series().equals(next.series())) {
      publish();
    }
  }

  /** The instance is gone: so are its series. */
  synchronized void remove(OpenLuffyInstance instance) {
    if (instances.remove(instance.getMetadata().getName()) != null) {
      publish();
    }
  }

  // Called only when the set of series changes (an instance added or removed, a condition type appearing, a first good
  // backup): a status write that changes values only, such as the phase, re-registers nothing.
  private void publish() {
    List<MultiGauge.Row<?>> phases = new ArrayList<>();
    List<MultiGauge.Row<?>> conditions = new ArrayList<>();
    List<MultiGauge.Row<?>> successes = new ArrayList<>();
    List<MultiGauge.Row<?>> failures = new ArrayList<>();
    List<MultiGauge.Row<?>> intervals = new ArrayList<>();
    List<MultiGauge.Row<?>> verifications = new ArrayList<>();
    instances.forEach((name, snapshot) -> {
      for (Phase p : Phase.values()) {
        phases.add(row(tags(name).and("phase", p.name()), name, s -> flag(s.phase() == p)));
      }
      for (Condition c : snapshot.conditions()) {
        String type = c.getType();
        conditions.add(row(tags(name).and("condition", type), name, s -> flag(s.conditions().stream()
            .anyMatch(now -> type.equals(now.getType()) && "True".equals(now.getStatus())))));
      }
      if (lastSuccess(snapshot).isPresent()) {
        successes.add(row(tags(name), name, s -> lastSuccess(s).orElse(Double.NaN)));
      }
      if (snapshot.backups()) {
        failures.add(row(tags(name), name, s -> flag(s.lastBackup() != null
            && LastBackupStatus.FAILED.equals(s.lastBackup().getResult()))));
      }
      if (snapshot.verifying()) {
        verifications.add(row(tags(name), name, s -> flag(s.lastVerification() != null
            && LastBackupStatus.FAILED.equals(s.lastVerification().getResult()))));
      }
      if (snapshot.interval().isPresent()) {
        intervals.add(row(tags(name), name, s -> s.interval().map(d -> (double) d.toSeconds()).orElse(Double.NaN)));
      }
    });
    phase.register(phases, false);
    condition.register(conditions, false);
    lastSuccess.register(successes, false);
    lastFailed.register(failures, false);
    interval.register(intervals, false);
    verificationFailed.register(verifications, false);
  }

  private static Tags tags(String name) {
    return Tags.of(LABEL, name);
  }

  private static double flag(boolean value) {
    return value ? 1.0 : 0.0;
  }

  // Read at scrape time; an instance removed since its rows were registered reads NaN, never a stale value.
  private MultiGauge.Row<?> row(Tags tags, String name, ToDoubleFunction<Snapshot> read) {
    return MultiGauge.Row.of(tags, () -> {
      Snapshot snapshot = instances.get(name);
      return snapshot == null ? Double.NaN : read.applyAsDouble(snapshot);
    });
  }

  private static Optional<Double> lastSuccess(Snapshot snapshot) {
    return Optional.ofNullable(snapshot.lastBackup()).map(BackupStatus::getLastSuccessTime)
        .map(t -> (double) Instant.parse(t).getEpochSecond());
  }

  /** The longest wait between two scheduled runs: "older than two intervals" must hold on the longest wait too. */
  private Optional<Duration> longestGap(String schedule) {
    Optional<CronSchedule> cron = CronSchedule.parse(schedule);
    Instant end = clock.instant().plus(HORIZON);
    Optional<Instant> run = cron.flatMap(c -> c.next(clock.instant()));
    Duration longest = null;
    for (int i = 0; i < MAX_RUNS && run.isPresent(); i++) {
      Optional<Instant> following = cron.get().next(run.get());
      if (following.isEmpty()) {
        break;
      }
      Duration gap = Duration.between(run.get(), following.get());
      longest = longest == null || gap.compareTo(longest) > 0 ? gap : longest;
      if (following.get().isAfter(end)) {
        break;
      }
      run = following;
    }
    return Optional.ofNullable(longest);
  }
}
