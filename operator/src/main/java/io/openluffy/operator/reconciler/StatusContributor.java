package io.openluffy.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;

/**
 * One step of the reconcile that runs after the dependent workflow and reports its conditions. Steps run in order,
 * so a later step (the admin bootstrap) can look at what an earlier one reported (ApiServerReady) through
 * {@link StatusBuilder#isTrue(String)}.
 */
public interface StatusContributor {

  void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status);

  /** Extra event sources the step needs (e.g. a watch on a user-written Secret). */
  default List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    return List.of();
  }
}
