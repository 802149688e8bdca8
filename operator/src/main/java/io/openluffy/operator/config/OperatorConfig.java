package io.openluffy.operator.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
 * @param dns the cluster's DNS, which the strict profile's DNS egress is limited to
 */
public record OperatorConfig(String namespace, boolean leaderElection, boolean serverSideApply, int httpPort,
    String adminSecretNamespace, List<String> allowedImagePrefixes, ClusterDns dns) {

  public static final String NAMESPACE = "OPENLUFFY_OPERATOR_NAMESPACE";
  public static final String LEADER_ELECTION = "OPENLUFFY_OPERATOR_LEADER_ELECTION";
  public static final String SSA = "OPENLUFFY_OPERATOR_SSA";
  public static final String HTTP_PORT = "OPENLUFFY_OPERATOR_HTTP_PORT";
  public static final String ADMIN_SECRET_NAMESPACE = "OPENLUFFY_OPERATOR_ADMIN_SECRET_NAMESPACE";
  public static final String ALLOWED_IMAGE_PREFIXES = "OPENLUFFY_OPERATOR_ALLOWED_IMAGE_PREFIXES";
  public static final String DNS_NAMESPACE = "OPENLUFFY_OPERATOR_DNS_NAMESPACE";
  public static final String DNS_POD_LABELS = "OPENLUFFY_OPERATOR_DNS_POD_LABELS";
  public static final String DNS_CIDRS = "OPENLUFFY_OPERATOR_DNS_CIDRS";
  public static final String DNS_PORT = "OPENLUFFY_OPERATOR_DNS_PORT";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL = Pattern.compile(
      "([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  public OperatorConfig {
    allowedImagePrefixes = List.copyOf(allowedImagePrefixes);
  }

  /**
   * No image restriction, admin Secrets from the operator's namespace, the default DNS: the defaults, for tests and
   * embedding.
   */
  public OperatorConfig(String namespace, boolean leaderElection, boolean serverSideApply, int httpPort) {
    this(namespace, leaderElection, serverSideApply, httpPort, namespace, List.of(), ClusterDns.DEFAULT);
  }

  /** Reads the {@code OPENLUFFY_OPERATOR_*} variables; fails fast with the variable's name on a bad value. */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String namespace = env.getOrDefault(NAMESPACE, "openluffy-system");
    String adminSecretNamespace = env.get(ADMIN_SECRET_NAMESPACE);
    return new OperatorConfig(
        namespace,
        bool(env, LEADER_ELECTION, false),
        bool(env, SSA, true),
        port(HTTP_PORT, env.getOrDefault(HTTP_PORT, "8081"), 0),
        adminSecretNamespace == null || adminSecretNamespace.isBlank() ? namespace : adminSecretNamespace.trim(),
        list(env.getOrDefault(ALLOWED_IMAGE_PREFIXES, "")),
        dns(env));
  }

  /** Each DNS variable unset keeps its default; set to the empty string, the labels and the CIDRs mean none. */
  private static ClusterDns dns(Map<String, String> env) {
    ClusterDns fallback = ClusterDns.DEFAULT;
    String namespace = env.get(DNS_NAMESPACE);
    if (namespace != null && !namespace.isBlank() && !DNS_LABEL.matcher(namespace.trim()).matches()) {
      throw new IllegalArgumentException(DNS_NAMESPACE + " must be a namespace name, got '" + namespace + "'");
    }
    Map<String, String> labels = fallback.podLabels();
    if (env.containsKey(DNS_POD_LABELS)) {
      labels = new LinkedHashMap<>();
      for (String label : list(env.get(DNS_POD_LABELS))) {
        if (!LABEL.matcher(label).matches()) {
          throw new IllegalArgumentException(DNS_POD_LABELS + " must be key=value pairs separated by commas, got '"
              + label + "'");
        }
        labels.put(label.substring(0, label.indexOf('=')), label.substring(label.indexOf('=') + 1));
      }
    }
    List<String> cidrs = env.containsKey(DNS_CIDRS) ? list(env.get(DNS_CIDRS)) : fallback.cidrs();
    cidrs.stream().filter(cidr -> !Cidrs.isValid(cidr)).findFirst().ifPresent(cidr -> {
      throw new IllegalArgumentException(DNS_CIDRS + " must be CIDRs separated by commas, got '" + cidr + "'");
    });
    String port = env.get(DNS_PORT);
    return new ClusterDns(namespace == null || namespace.isBlank() ? fallback.namespace() : namespace.trim(), labels,
        cidrs, port == null || port.isBlank() ? fallback.port() : port(DNS_PORT, port, 1));
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
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

  private static int port(String name, String value, int lowest) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= lowest && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the variable's name
    }
    throw new IllegalArgumentException(name + " must be a port number (" + lowest + "-65535), got '" + value + "'");
  }
}
