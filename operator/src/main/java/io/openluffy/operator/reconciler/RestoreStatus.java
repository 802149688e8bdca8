package io.openluffy.operator.reconciler;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyRestore;
import io.openluffy.operator.dependent.RestoreInProgress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Phase {@code Restoring} while an OpenLuffyRestore of the instance runs. Restores are watched here so that a restore
 * starting or ending reconciles its instance at once: the API Deployment then goes to zero replicas, or back
 * ({@link RestoreInProgress}).
 */
public class RestoreStatus implements StatusContributor {

  @Override
  public List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    var configuration = InformerEventSourceConfiguration.from(OpenLuffyRestore.class, OpenLuffyInstance.class)
        .withName("restores")
        .withSecondaryToPrimaryMapper(restore -> Optional.ofNullable(restore.getSpec())
            .map(spec -> spec.getInstance()).map(name -> Set.of(new ResourceID(name))).orElse(Set.of()))
        .build();
    return List.of(new InformerEventSource<>(configuration, context));
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    RestoreInProgress.of(instance, context).ifPresent(restore -> status.restoring("OpenLuffyRestore "
        + restore.getMetadata().getName() + " is restoring dump " + restore.spec().getDump() + "; the API server is"
        + " scaled to zero until it ends: kubectl -n " + instance.targetNamespace() + " get olr "
        + restore.getMetadata().getName()));
  }
}
