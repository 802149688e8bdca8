package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The compute resources of the operator's containers: the spec's, completed with defaults so that nothing runs
 * BestEffort (the first pods evicted under node pressure). A default request is added only for a resource the spec
 * gives neither a request nor a limit for (Kubernetes copies a lone limit into the request itself). A default memory
 * limit is set only where an out-of-memory kill is cheap: the API server (stateless, a JVM sized from its limit) and
 * the backup Jobs' containers (a killed pg_dump fails one run, which LastBackupSucceeded reports and the next run
 * repeats, the dumps kept; a killed restore rolls its one transaction back); the limit keeps a large dump from
 * taking the memory of the PostgreSQL pod beside it, which has none: there a kill stops the postmaster
 * mid-transaction and forces crash recovery on every connection.
 */
final class WorkloadResources {

  static final Map<String, Quantity> POSTGRES_REQUESTS = Map.of("cpu", new Quantity("100m"),
      "memory", new Quantity("256Mi"));
  static final Map<String, Quantity> API_REQUESTS = Map.of("cpu", new Quantity("100m"),
      "memory", new Quantity("384Mi"));
  static final Quantity API_MEMORY_LIMIT = new Quantity("1Gi");
  static final Map<String, Quantity> BACKUP_REQUESTS = Map.of("cpu", new Quantity("100m"),
      "memory", new Quantity("256Mi"));
  static final Quantity BACKUP_MEMORY_LIMIT = new Quantity("1Gi");

  private WorkloadResources() {
  }

  static ResourceRequirements postgres(ResourceRequirements spec) {
    return withDefaults(spec, POSTGRES_REQUESTS, Optional.empty());
  }

  static ResourceRequirements apiServer(ResourceRequirements spec) {
    return withDefaults(spec, API_REQUESTS, Optional.of(API_MEMORY_LIMIT));
  }

  /** backup.sh, restore.sh, verify.sh: pg_dump, pg_restore and psql. */
  static ResourceRequirements backupJob(ResourceRequirements spec) {
    return withDefaults(spec, BACKUP_REQUESTS, Optional.of(BACKUP_MEMORY_LIMIT));
  }

  private static ResourceRequirements withDefaults(ResourceRequirements spec, Map<String, Quantity> defaults,
      Optional<Quantity> memoryLimit) {
    Map<String, Quantity> requests = new LinkedHashMap<>(spec == null || spec.getRequests() == null ? Map.of()
        : spec.getRequests());
    Map<String, Quantity> limits = new LinkedHashMap<>(spec == null || spec.getLimits() == null ? Map.of()
        : spec.getLimits());
    defaults.forEach((resource, quantity) -> {
      if (!requests.containsKey(resource) && !limits.containsKey(resource)) {
        requests.put(resource, quantity);
      }
    });
    memoryLimit.ifPresent(limit -> {
      Quantity request = requests.get("memory");
      // never below the request, which the API server would refuse
      limits.putIfAbsent("memory", request != null && request.compareTo(limit) > 0 ? request : limit);
    });
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }
}
