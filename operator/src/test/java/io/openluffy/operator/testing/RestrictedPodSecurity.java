package io.openluffy.operator.testing;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a pod spec against the Pod Security Standards "restricted" profile (baseline checks included where a pod
 * template could break them), plus the project's own rules: read-only root filesystem and no service-account
 * token. Returns violations as readable strings, so an assertion shows all of them at once. Reusable by any module
 * that renders pod templates (the Helm chart's tests).
 */
public final class RestrictedPodSecurity {

  private static final Set<String> ALLOWED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
      "ephemeral", "persistentVolumeClaim", "projected", "secret");
  private static final Set<String> ALLOWED_ADD_CAPABILITIES = Set.of("NET_BIND_SERVICE");

  private RestrictedPodSecurity() {
  }

  public static List<String> violations(PodSpec pod) {
    List<String> violations = new ArrayList<>();
    PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
    check(violations, !Boolean.TRUE.equals(pod.getHostNetwork()), "hostNetwork must not be true");
    check(violations, !Boolean.TRUE.equals(pod.getHostPID()), "hostPID must not be true");
    check(violations, !Boolean.TRUE.equals(pod.getHostIPC()), "hostIPC must not be true");
    check(violations, Boolean.FALSE.equals(pod.getAutomountServiceAccountToken()),
        "automountServiceAccountToken must be false");
    check(violations, podContext.getRunAsUser() == null || podContext.getRunAsUser() != 0,
        "pod runAsUser must not be 0");
    for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
      String type = volumeType(volume);
      check(violations, ALLOWED_VOLUME_TYPES.contains(type),
          "volume " + volume.getName() + " has disallowed type " + type);
    }
    for (Container container : allContainers(pod)) {
      checkContainer(violations, container, podContext);
    }
    return violations;
  }

  private static void checkContainer(List<String> violations, Container container, PodSecurityContext pod) {
    String c = "container " + container.getName() + ": ";
    SecurityContext sc = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
    check(violations, Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()),
        c + "allowPrivilegeEscalation must be false");
    check(violations, !Boolean.TRUE.equals(sc.getPrivileged()), c + "privileged must not be true");
    boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : Boolean.TRUE.equals(pod.getRunAsNonRoot());
    check(violations, nonRoot, c + "runAsNonRoot must be true (container or pod)");
    check(violations, sc.getRunAsUser() == null || sc.getRunAsUser() != 0, c + "runAsUser must not be 0");
    SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : pod.getSeccompProfile();
    check(violations, seccomp != null && Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType()),
        c + "seccompProfile must be RuntimeDefault or Localhost (container or pod)");
    Capabilities caps = sc.getCapabilities();
    check(violations, caps != null && caps.getDrop() != null && caps.getDrop().contains("ALL"),
        c + "capabilities must drop ALL");
    if (caps != null && caps.getAdd() != null) {
      caps.getAdd().stream().filter(cap -> !ALLOWED_ADD_CAPABILITIES.contains(cap))
          .forEach(cap -> violations.add(c + "capability " + cap + " must not be added"));
    }
    check(violations, Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()), c + "readOnlyRootFilesystem must be true");
    Optional.ofNullable(container.getPorts()).orElse(List.of()).forEach(port ->
        check(violations, port.getHostPort() == null || port.getHostPort() == 0, c + "hostPort must not be set"));
  }

  private static List<Container> allContainers(PodSpec pod) {
    return Stream.of(pod.getInitContainers(), pod.getContainers())
        .filter(l -> l != null).flatMap(List::stream).toList();
  }

  private static String volumeType(Volume v) {
    if (v.getHostPath() != null) {
      return "hostPath";
    }
    if (v.getEmptyDir() != null) {
      return "emptyDir";
    }
    if (v.getPersistentVolumeClaim() != null) {
      return "persistentVolumeClaim";
    }
    if (v.getSecret() != null) {
      return "secret";
    }
    if (v.getConfigMap() != null) {
      return "configMap";
    }
    if (v.getProjected() != null) {
      return "projected";
    }
    if (v.getDownwardAPI() != null) {
      return "downwardAPI";
    }
    if (v.getCsi() != null) {
      return "csi";
    }
    if (v.getEphemeral() != null) {
      return "ephemeral";
    }
    return "other";
  }

  private static void check(List<String> violations, boolean ok, String violation) {
    if (!ok) {
      violations.add(violation);
    }
  }
}
