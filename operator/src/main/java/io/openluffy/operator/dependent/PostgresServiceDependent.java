package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;

/** ClusterIP Service in front of PostgreSQL, used by the API server and the backup job. */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.POSTGRES_SELECTOR))
public class PostgresServiceDependent extends CrudNamedDependentResource<Service> {

  public PostgresServiceDependent() {
    super(Service.class, PostgresServiceDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-postgres";
  }

  /** In-cluster DNS name of the database. */
  public static String host(OpenLuffyInstance instance) {
    return name(instance) + "." + instance.targetNamespace() + ".svc";
  }

  @Override
  protected Service desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new ServiceBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.POSTGRES))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(InstanceLabels.selector(instance, Component.POSTGRES))
        .addNewPort().withName("postgres").withPort(PostgresStatefulSetDependent.PORT)
        .withTargetPort(new IntOrString("postgres")).withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
