package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.function.Function;

/** What JOSDK's {@code CRUDKubernetesDependentResource} is (created, updated, owned), found by name. */
abstract class CrudNamedDependentResource<R extends HasMetadata> extends NamedDependentResource<R>
    implements Creator<R, OpenLuffyInstance>, Updater<R, OpenLuffyInstance>, GarbageCollected<OpenLuffyInstance> {

  CrudNamedDependentResource(Class<R> type, Function<OpenLuffyInstance, String> name) {
    super(type, name);
  }
}
