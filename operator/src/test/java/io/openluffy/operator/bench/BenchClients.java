package io.openluffy.operator.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Clients of the benchmark's server, each with its own User-Agent so {@link RequestLog} can tell them apart on the
 * mock (a real control plane's audit log tells them apart by identity).
 */
final class BenchClients {

  static final String OPERATOR = "openluffy-operator";
  static final String PLAIN = "plain-fabric8-client";
  static final String KUBELET = "simulated-kubelet";
  static final String DRIVER = "benchmark-driver";

  private BenchClients() {
  }

  /** {@code target}: the mock server's URL, or a kubeconfig file (a real control plane, with an identity). */
  static KubernetesClient connect(String target, String userAgent) {
    Config base = target.startsWith("http") ? new ConfigBuilder(Config.empty()).withMasterUrl(target).build()
        : Config.fromKubeconfig(read(target));
    Config config = new ConfigBuilder(base)
        .withNamespace("default")
        .withUserAgent(userAgent)
        .withHttp2Disable(true)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
