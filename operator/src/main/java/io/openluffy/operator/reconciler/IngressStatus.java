package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiIngressDependent;

/**
 * IngressReady, with {@code spec.host} only, after the admin step: the Ingress is created one reconcile after the
 * first admin (ApiIngressDependent), and Ready waits for it, so a Ready instance answers on its endpoint.
 */
public class IngressStatus implements StatusContributor {

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    if (!instance.spec().hasHost()) {
      return;
    }
    boolean exists = context.getSecondaryResource(Ingress.class).isPresent();
    if (exists) {
      status.required(ConditionType.INGRESS_READY, true, ConditionReason.IngressReady.INGRESS_CREATED, "Ingress "
          + ApiIngressDependent.name(instance) + " serves " + instance.spec().getHost());
    } else if (ApiIngressDependent.wanted(instance)) {
      status.required(ConditionType.INGRESS_READY, false, ConditionReason.IngressReady.CREATING, "Creating Ingress "
          + ApiIngressDependent.name(instance));
    } else {
      status.required(ConditionType.INGRESS_READY, false, ConditionReason.IngressReady.WAITING_FOR_ADMIN,
          "The Ingress for "
          + instance.spec().getHost() + " is created once the first admin exists, so that nobody outside the"
          + " cluster reaches the API server before");
    }
  }
}
