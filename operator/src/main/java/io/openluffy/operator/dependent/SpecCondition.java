package io.openluffy.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import java.util.function.Predicate;

/** A workflow precondition that depends on the spec only (an optional part of the instance switched on or off). */
abstract class SpecCondition<R> implements Condition<R, OpenLuffyInstance> {

  private final Predicate<OpenLuffyInstanceSpec> predicate;

  SpecCondition(Predicate<OpenLuffyInstanceSpec> predicate) {
    this.predicate = predicate;
  }

  @Override
  public boolean isMet(DependentResource<R, OpenLuffyInstance> dependent, OpenLuffyInstance instance,
      Context<OpenLuffyInstance> context) {
    return predicate.test(instance.spec());
  }
}
