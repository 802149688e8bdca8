package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.function.Function;

/**
 * A Secret generated once and then only read: regenerating a password would lock the API server out of its own
 * database. Neither owned nor deletable, so deletionPolicy Retain keeps it and a new instance of the same name
 * adopts it.
 */
abstract class CreateOnlySecretDependent extends NamedDependentResource<Secret>
    implements Creator<Secret, OpenLuffyInstance> {

  // Found by name (NamedDependentResource): here it also matters because desired() draws fresh randomness.
  CreateOnlySecretDependent(Function<OpenLuffyInstance, String> name) {
    super(Secret.class, name);
  }
}
