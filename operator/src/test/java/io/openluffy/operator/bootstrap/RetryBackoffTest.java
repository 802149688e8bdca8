package io.openluffy.operator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(10));

  @Test
  void doublesUpToTheCapPerKeyAndStartsOverAfterAReset() {
    assertThat(backoff.next("dev")).hasSeconds(2);
    assertThat(backoff.next("dev")).hasSeconds(4);
    assertThat(backoff.next("prod")).hasSeconds(2);
    assertThat(backoff.next("dev")).hasSeconds(8);
    assertThat(backoff.next("dev")).hasSeconds(10);
    assertThat(backoff.next("dev")).hasSeconds(10);

    backoff.reset("dev");

    assertThat(backoff.next("dev")).hasSeconds(2);
    assertThat(backoff.next("prod")).hasSeconds(4);
  }
}
