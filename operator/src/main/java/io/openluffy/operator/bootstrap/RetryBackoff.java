package io.openluffy.operator.bootstrap;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential delays per key (an instance): the reconcile reschedules itself after {@link #next} instead of
 * waiting, and {@link #reset} starts over after a success.
 */
public final class RetryBackoff {

  private final Duration initial;
  private final Duration max;
  private final Map<String, Duration> last = new ConcurrentHashMap<>();

  public RetryBackoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** The delay before the next attempt: initial, then doubling, capped at max. */
  public Duration next(String key) {
    return last.compute(key, (k, previous) -> {
      if (previous == null) {
        return initial;
      }
      Duration doubled = previous.multipliedBy(2);
      return doubled.compareTo(max) > 0 ? max : doubled;
    });
  }

  public void reset(String key) {
    last.remove(key);
  }
}
