package io.openluffy.operator.bootstrap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.openluffy.operator.crd.AdminSecretRef;
import io.openluffy.operator.crd.BootstrapSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Optional;

/** Namespace and name of the Secret an instance's first admin comes from. */
public record AdminSecretLocation(String namespace, String name) {

  /** {@code spec.bootstrap.adminSecretRef}, its namespace defaulting to the instance namespace; empty when unset. */
  public static Optional<AdminSecretLocation> of(OpenLuffyInstance instance) {
    AdminSecretRef ref = Optional.ofNullable(instance.spec().getBootstrap())
        .map(BootstrapSpec::getAdminSecretRef).orElse(null);
    if (ref == null || ref.getName() == null) {
      return Optional.empty();
    }
    String namespace = ref.getNamespace() != null ? ref.getNamespace() : instance.targetNamespace();
    return Optional.of(new AdminSecretLocation(namespace, ref.getName()));
  }

  public static AdminSecretLocation of(HasMetadata secret) {
    return new AdminSecretLocation(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
  }

  public ResourceID id() {
    return new ResourceID(name, namespace);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
