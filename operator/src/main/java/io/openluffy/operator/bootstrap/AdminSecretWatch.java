package io.openluffy.operator.bootstrap;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The watches on the users' admin Secrets. They carry no operator label, so the label-filtered informers of the
 * managed objects never see them; rather than caching every Secret of the cluster (or of a namespace), each
 * referenced Secret gets its own informer, limited to it by namespace, a {@code metadata.name} field selector and
 * the opt-in label of {@link AdminSecretPolicy} (so the API server never sends the operator a Secret that was not
 * opted in for the instance), registered with JOSDK when an instance first references it and dropped when it no
 * longer does. An index on the instances maps a Secret event back to the instance, so creating, fixing or changing
 * the Secret reconciles it without any edit of the instance. Only references the policy allows are watched.
 */
public final class AdminSecretWatch {

  static final String INDEX = "admin-secret-ref";
  private static final String NAME_PREFIX = "admin-secret:";

  /** One informer per instance and Secret: the opt-in label names the instance. */
  private record Watched(AdminSecretLocation location, String instance) {
  }

  private final Map<Watched, InformerEventSource<Secret, OpenLuffyInstance>> watches = new ConcurrentHashMap<>();
  private IndexedResourceCache<OpenLuffyInstance> instances;

  /** Indexes the instances by the Secret they reference; called while the controller is set up. */
  public void prepare(EventSourceContext<OpenLuffyInstance> context) {
    context.getPrimaryCache().addIndexer(INDEX, instance -> AdminSecretLocation.of(instance)
        .map(l -> List.of(l.toString())).orElse(List.of()));
    instances = context.getPrimaryCache();
  }

  /**
   * The Secret as cached by its watch, which is started first if this is the first reconcile referencing it (the
   * start lists the Secret, so it is seen at once); empty when it does not exist or lacks the opt-in label. Watches
   * of references no instance makes any more are stopped.
   */
  @SuppressWarnings("unchecked")
  public synchronized Optional<Secret> watch(Context<OpenLuffyInstance> context, OpenLuffyInstance instance,
      AdminSecretLocation location) {
    var retriever = context.eventSourceRetriever();
    var wanted = new Watched(location, instance.getMetadata().getName());
    Set<Watched> referenced = context.getPrimaryCache().list()
        .flatMap(i -> AdminSecretLocation.of(i).map(l -> new Watched(l, i.getMetadata().getName())).stream())
        .collect(Collectors.toSet());
    watches.keySet().removeIf(watched -> {
      boolean stale = !referenced.contains(watched) && !watched.equals(wanted);
      if (stale) {
        retriever.dynamicallyDeRegisterEventSource(name(watched));
      }
      return stale;
    });
    var source = watches.computeIfAbsent(wanted, w -> (InformerEventSource<Secret, OpenLuffyInstance>)
        retriever.dynamicallyRegisterEventSource(newSource(w, instance,
            retriever.eventSourceContextForDynamicRegistration())));
    return source.get(location.id());
  }

  private InformerEventSource<Secret, OpenLuffyInstance> newSource(Watched watched, OpenLuffyInstance instance,
      EventSourceContext<OpenLuffyInstance> context) {
    var location = watched.location();
    var configuration = InformerEventSourceConfiguration.from(Secret.class, OpenLuffyInstance.class)
        .withName(name(watched))
        .withNamespaces(Set.of(location.namespace()))
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", location.name())))
        .withLabelSelector(AdminSecretPolicy.selector(instance))
        .withSecondaryToPrimaryMapper(secret -> instances.byIndex(INDEX, AdminSecretLocation.of(secret).toString())
            .stream().filter(i -> i.getMetadata().getName().equals(watched.instance()))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<OpenLuffyInstance>) primary ->
            AdminSecretLocation.of(primary).map(l -> Set.of(l.id())).orElse(Set.of()))
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  private static String name(Watched watched) {
    return NAME_PREFIX + watched.location() + ":" + watched.instance();
  }
}
