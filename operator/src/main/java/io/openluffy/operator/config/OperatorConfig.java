package io.openluffy.operator.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The operator's whole configuration, read once at start.
 *
 * @param namespace namespace the operator runs in: its leader-election Lease, and the namespace NetworkPolicies let
 *     reach the API server (bootstrap)
 * @param leaderElection whether to take a Lease before reconciling (needed with more than one replica)
 * @param serverSideApply server-side apply for dependents and status; off only under the fabric8 mock server,
 *     which cannot apply
 * @param httpPort port of /metrics, /healthz and /readyz (0 = any free port)
 * @param adminSecretNamespace the one namespace besides an instance's own that admin Secrets may be read from
 *     (the operator's own namespace unless set)
 * @param allowedImagePrefixes when not empty, the only image prefixes {@code spec.apiServer.image} and
 *     {@code spec.database.image} may start with
 */
public record OperatorConfig(String namespace, boolean leaderElection, boolean serverSideApply, int httpPort,
    String adminSecretNamespace, List<String> allowedImagePrefixes) {

  public static final String NAMESPACE = "OPENLUFFY_OPERATOR_NAMESPACE";
  public static final String LEADER_ELECTION = "OPENLUFFY_OPERATOR_LEADER_ELECTION";
  public static final String SSA = "OPENLUFFY_OPERATOR_SSA";
  public static final String HTTP_PORT = "OPENLUFFY_OPERATOR_HTTP_PORT";
  public static final String ADMIN_SECRET_NAMESPACE = "OPENLUFFY_OPERATOR_ADMIN_SECRET_NAMESPACE";
  public static final String ALLOWED_IMAGE_PREFIXES = "OPENLUFFY_OPERATOR_ALLOWED_IMAGE_PREFIXES";

  public OperatorConfig {
    allowedImagePrefixes = List.copyOf(allowedImagePrefixes);
  }

  /** No image restriction, admin Secrets from the operator's namespace: the defaults, for tests and embedding. */
  public OperatorConfig(String namespace, boolean leaderElection, boolean serverSideApply, int httpPort) {
    this(namespace, leaderElection, serverSideApply, httpPort, namespace, List.of());
  }

  /** Reads the {@code OPENLUFFY_OPERATOR_*} variables; fails fast with the variable's name on a bad value. */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String namespace = env.getOrDefault(NAMESPACE, "openluffy-system");
    String adminSecretNamespace = env.get(ADMIN_SECRET_NAMESPACE);
    return new OperatorConfig(
        namespace,
        bool(env, LEADER_ELECTION, false),
        bool(env, SSA, true),
        port(env.getOrDefault(HTTP_PORT, "8081")),
        adminSecretNamespace == null || adminSecretNamespace.isBlank() ? namespace : adminSecretNamespace.trim(),
        Arrays.stream(env.getOrDefault(ALLOWED_IMAGE_PREFIXES, "").split(",")).map(String::trim)
            .filter(prefix -> !prefix.isEmpty()).toList());
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the variable's name
    }
    throw new IllegalArgumentException(HTTP_PORT + " must be a port number (0-65535), got '" + value + "'");
  }
}
