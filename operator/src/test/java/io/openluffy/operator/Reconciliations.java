package io.openluffy.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** JOSDK's reconciliation counters, read from an operator's registry: "has it reconciled everything again". */
final class Reconciliations {

  private Reconciliations() {
  }

  static double succeeded(MeterRegistry registry) {
    return registry.getMeters().stream().filter(m -> m.getId().getName().endsWith("reconciliations.success"))
        .filter(Counter.class::isInstance).mapToDouble(m -> ((Counter) m).count()).sum();
  }
}
