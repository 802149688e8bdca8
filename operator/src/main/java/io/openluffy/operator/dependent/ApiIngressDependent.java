package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.openluffy.operator.bootstrap.AdminSecretLocation;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;

/** Exposes the API server on {@code spec.host} (TLS Secret {@code <name>-tls}, e.g. from cert-manager). */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class ApiIngressDependent extends CrudNamedDependentResource<Ingress> {

  public ApiIngressDependent() {
    super(Ingress.class, ApiIngressDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api";
  }

  @Override
  protected Ingress desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    String host = instance.spec().getHost();
    return new IngressBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withNewSpec()
        .addNewTl().withHosts(host).withSecretName(InstanceLabels.prefix(instance) + "-tls").endTl()
        .addNewRule().withHost(host).withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix")
        .withNewBackend().withNewService().withName(ApiServiceDependent.name(instance))
        .withNewPort().withNumber(ApiDeploymentDependent.PORT).endPort().endService().endBackend()
        .endPath()
        .endHttp().endRule()
        .endSpec()
        .build();
  }

  /**
   * Activation: the Ingress exists only while {@code spec.host} is set, and only once the first admin is created
   * from the admin Secret: until then the API server is reachable from inside the cluster only, so nobody on the
   * network sees it before its admin exists. Without an admin Secret the first admin is created by hand, through
   * the Ingress, with the bootstrap token from the api-keys Secret.
   */
  public static class HostSetAndAdminCreated implements Condition<Ingress, OpenLuffyInstance> {
    @Override
    public boolean isMet(DependentResource<Ingress, OpenLuffyInstance> dependent, OpenLuffyInstance instance,
        Context<OpenLuffyInstance> context) {
      if (!instance.spec().hasHost()) {
        return false;
      }
      boolean manualBootstrap = AdminSecretLocation.of(instance).isEmpty();
      boolean adminCreated = instance.getStatus() != null && instance.getStatus().getAdmin() != null
          && instance.getStatus().isTrue(ConditionType.ADMIN_BOOTSTRAPPED);
      return manualBootstrap || adminCreated;
    }
  }
}
