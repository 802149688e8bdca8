package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/** ClusterIP Service of the API server: target of the Ingress and of the operator's bootstrap call. */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.API_SELECTOR))
public class ApiServiceDependent extends CrudNamedDependentResource<Service> {

  public ApiServiceDependent() {
    super(Service.class, ApiServiceDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api";
  }

  /** In-cluster base URL of the API server. */
  public static String url(OpenLuffyInstance instance) {
    return "http://" + name(instance) + "." + instance.targetNamespace() + ".svc:" + ApiDeploymentDependent.PORT;
  }

  @Override
  protected Service desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new ServiceBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(InstanceLabels.selector(instance, Component.API))
        .addNewPort().withName("http").withPort(ApiDeploymentDependent.PORT)
        .withTargetPort(new IntOrString("http")).withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
