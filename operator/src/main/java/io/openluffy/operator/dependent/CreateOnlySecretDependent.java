package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.function.Function;

/**
 * A Secret generated once and then only read: regenerating a password would lock the API server out of its own
 * database. Neither owned nor deletable, so deletionPolicy Retain keeps it and a new instance of the same name
 * adopts it.
 */
abstract class CreateOnlySecretDependent extends KubernetesDependentResource<Secret, OpenLuffyInstance>
    implements Creator<Secret, OpenLuffyInstance> {

  private final Function<OpenLuffyInstance, String> name;

  CreateOnlySecretDependent(Function<OpenLuffyInstance, String> name) {
    super(Secret.class);
    this.name = name;
  }

  // Looked up by name so that finding the existing Secret never needs desired(), which draws fresh randomness.
  @Override
  protected ResourceID targetSecondaryResourceID(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new ResourceID(name.apply(instance), instance.targetNamespace());
  }
}
