package io.openluffy.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresMajorVersionTest {

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "postgres:16, 16",
      "postgres:15.8-alpine, 15",
      "postgres:17-bookworm, 17",
      "registry.example.com:5000/postgres:14, 14",
      "postgres:16@sha256:0123abcd, 16",
      "registry.example.com:5000/postgres, none",
      "postgres:latest, none",
      "postgres:alpine, none",
      "postgres@sha256:0123abcd, none"})
  void theMajorIsTheTagsLeadingNumber(String image, Integer major) {
    assertThat(PostgresMajorVersion.of(image)).isEqualTo(major == null ? OptionalInt.empty() : OptionalInt.of(major));
  }
}
