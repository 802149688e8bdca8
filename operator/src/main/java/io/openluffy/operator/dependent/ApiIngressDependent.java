package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
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

  /** Activation: the Ingress exists only while {@code spec.host} is set. */
  public static class HostSet extends SpecCondition<Ingress> {
    public HostSet() {
      super(spec -> spec.hasHost());
    }
  }
}
