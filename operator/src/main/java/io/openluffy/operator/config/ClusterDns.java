package io.openluffy.operator.config;

import java.util.List;
import java.util.Map;

/**
 * Where the cluster's DNS answers, the only destination of the strict profile's DNS egress. A cluster-wide fact, so
 * it is the operator's configuration rather than each instance's spec.
 *
 * @param namespace namespace of the DNS pods (kube-dns / CoreDNS)
 * @param podLabels labels of the DNS pods in that namespace; empty: every pod there
 * @param cidrs further DNS addresses, e.g. node-local DNS's link-local address; empty: none
 * @param port the port the DNS pods listen on (UDP and TCP): NetworkPolicy sees the pod's port, after the
 *     Service's DNAT
 */
public record ClusterDns(String namespace, Map<String, String> podLabels, List<String> cidrs, int port) {

  /** kube-dns / CoreDNS as kubeadm, GKE, EKS, AKS and k3s label it, and node-local DNS's default address. */
  public static final ClusterDns DEFAULT = new ClusterDns("kube-system", Map.of("k8s-app", "kube-dns"),
      List.of("169.254.20.10/32"), 53);

  public ClusterDns {
    podLabels = Map.copyOf(podLabels);
    cidrs = List.copyOf(cidrs);
  }
}
