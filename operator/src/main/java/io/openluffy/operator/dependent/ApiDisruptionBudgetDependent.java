package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * With more than one API server replica, a node drain takes them down one at a time, so the instance keeps
 * answering. With one replica there is none: a budget that allows no disruption would block every drain.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.API_SELECTOR))
public class ApiDisruptionBudgetDependent extends CrudNamedDependentResource<PodDisruptionBudget> {

  public ApiDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class, ApiDisruptionBudgetDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api";
  }

  @Override
  protected PodDisruptionBudget desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector().withMatchLabels(InstanceLabels.selector(instance, Component.API)).endSelector()
        .endSpec()
        .build();
  }

  /** Activation: more than one replica. */
  public static class SeveralReplicas extends SpecCondition<PodDisruptionBudget> {
    public SeveralReplicas() {
      super(spec -> spec.apiServer().replicas() > 1);
    }
  }
}
