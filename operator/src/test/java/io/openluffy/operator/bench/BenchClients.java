package io.openluffy.operator.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Clients of the benchmark's mock server, each with its own User-Agent so {@link RequestLog} can tell them apart. */
final class BenchClients {

  static final String OPERATOR = "openluffy-operator";
  static final String PLAIN = "plain-fabric8-client";
  static final String KUBELET = "simulated-kubelet";
  static final String DRIVER = "benchmark-driver";

  private BenchClients() {
  }

  static KubernetesClient connect(String masterUrl, String userAgent) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(masterUrl)
        .withNamespace("default")
        .withUserAgent(userAgent)
        .withHttp2Disable(true)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
