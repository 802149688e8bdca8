package io.openluffy.operator.config;

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
 */
public record OperatorConfig(String namespace, boolean leaderElection, boolean serverSideApply, int httpPort) {

  public static final String NAMESPACE = "OPENLUFFY_OPERATOR_NAMESPACE";
  public static final String LEADER_ELECTION = "OPENLUFFY_OPERATOR_LEADER_ELECTION";
  public static final String SSA = "OPENLUFFY_OPERATOR_SSA";
  public static final String HTTP_PORT = "OPENLUFFY_OPERATOR_HTTP_PORT";

  /** Reads the {@code OPENLUFFY_OPERATOR_*} variables; fails fast with the variable's name on a bad value. */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return new OperatorConfig(
        env.getOrDefault(NAMESPACE, "openluffy-system"),
        bool(env, LEADER_ELECTION, false),
        bool(env, SSA, true),
        port(env.getOrDefault(HTTP_PORT, "8081")));
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
