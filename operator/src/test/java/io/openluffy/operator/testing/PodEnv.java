package io.openluffy.operator.testing;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A container's environment as name to value, a Secret reference written {@code secret:<name>/<key>}. */
public final class PodEnv {

  private PodEnv() {
  }

  public static Map<String, String> of(List<EnvVar> env) {
    return env.stream().collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() != null ? e.getValue()
        : "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()));
  }
}
