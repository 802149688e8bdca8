package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.openluffy.operator.crd.OpenLuffyInstance;

/** Readiness read from the workloads' own status, as written by the kubelet and the controllers. */
public final class WorkloadReadiness {

  private WorkloadReadiness() {
  }

  public static boolean databaseReady(StatefulSet statefulSet) {
    return statefulSet != null && statefulSet.getStatus() != null
        && statefulSet.getStatus().getReadyReplicas() != null && statefulSet.getStatus().getReadyReplicas() >= 1;
  }

  public static boolean apiServerAvailable(Deployment deployment) {
    return deployment != null && deployment.getStatus() != null
        && deployment.getStatus().getAvailableReplicas() != null
        && deployment.getStatus().getAvailableReplicas() >= 1;
  }

  /** Ready-postcondition of PostgreSQL: the API server is only started against a database that answers. */
  public static class DatabaseReady implements Condition<StatefulSet, OpenLuffyInstance> {
    @Override
    public boolean isMet(DependentResource<StatefulSet, OpenLuffyInstance> dependent, OpenLuffyInstance instance,
        Context<OpenLuffyInstance> context) {
      return dependent.getSecondaryResource(instance, context).map(WorkloadReadiness::databaseReady).orElse(false);
    }
  }

  /** Ready-postcondition of the API server; the admin bootstrap step waits for it. */
  public static class ApiServerAvailable implements Condition<Deployment, OpenLuffyInstance> {
    @Override
    public boolean isMet(DependentResource<Deployment, OpenLuffyInstance> dependent, OpenLuffyInstance instance,
        Context<OpenLuffyInstance> context) {
      return dependent.getSecondaryResource(instance, context).map(WorkloadReadiness::apiServerAvailable)
          .orElse(false);
    }
  }
}
