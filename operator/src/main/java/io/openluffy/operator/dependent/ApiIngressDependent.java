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
import io.openluffy.operator.crd.IngressSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;

/**
 * Exposes the API server on {@code spec.host}, with the class, annotations and TLS of {@code spec.ingress}. TLS is on
 * unless {@code spec.ingress.tls.enabled} is false, with the Secret {@code <prefix>-tls} unless another is named: what
 * every instance got before spec.ingress existed, so their manifests keep their Ingress unchanged.
 */
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
    IngressSpec ingress = instance.spec().ingress();
    var metadata = InstanceLabels.metadata(instance, name(instance), Component.API);
    if (!ingress.annotations().isEmpty()) {
      metadata.setAnnotations(ingress.annotations());
    }
    var spec = new IngressBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withIngressClassName(ingress.getClassName());
    if (tls(instance)) {
      spec.addNewTl().withHosts(host).withSecretName(tlsSecretName(instance)).endTl();
    }
    return spec.addNewRule().withHost(host).withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix")
        .withNewBackend().withNewService().withName(ApiServiceDependent.name(instance))
        .withNewPort().withNumber(ApiDeploymentDependent.PORT).endPort().endService().endBackend()
        .endPath()
        .endHttp().endRule()
        .endSpec()
        .build();
  }

  /** Whether the Ingress terminates TLS, so the instance answers on https. */
  public static boolean tls(OpenLuffyInstance instance) {
    return instance.spec().ingress().tls().enabled();
  }

  public static String tlsSecretName(OpenLuffyInstance instance) {
    String named = instance.spec().ingress().tls().getSecretName();
    return named != null ? named : InstanceLabels.prefix(instance) + "-tls";
  }

  /** The endpoint users reach through the Ingress. */
  public static String url(OpenLuffyInstance instance) {
    return (tls(instance) ? "https://" : "http://") + instance.spec().getHost();
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
      return wanted(instance);
    }
  }

  /** Whether the Ingress should exist now (see {@link HostSetAndAdminCreated}). */
  public static boolean wanted(OpenLuffyInstance instance) {
    if (!instance.spec().hasHost()) {
      return false;
    }
    boolean manualBootstrap = AdminSecretLocation.of(instance).isEmpty();
    boolean adminCreated = instance.getStatus() != null && instance.getStatus().getAdmin() != null
        && instance.getStatus().isTrue(ConditionType.ADMIN_BOOTSTRAPPED);
    return manualBootstrap || adminCreated;
  }
}
