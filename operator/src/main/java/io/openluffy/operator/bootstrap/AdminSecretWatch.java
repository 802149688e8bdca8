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
 * referenced Secret gets its own informer, limited to it by namespace and a {@code metadata.name} field selector,
 * registered with JOSDK when an instance first references it and dropped when none does any more. An index on the
 * instances maps a Secret event back to the instances that reference it, so creating, fixing or changing the Secret
 * reconciles them without any edit of the instance.
 */
public final class AdminSecretWatch {

  static final String INDEX = "admin-secret-ref";
  private static final String NAME_PREFIX = "admin-secret:";

  private final Map<AdminSecretLocation, InformerEventSource<Secret, OpenLuffyInstance>> watches =
      new ConcurrentHashMap<>();
  private IndexedResourceCache<OpenLuffyInstance> instances;

  /** Indexes the instances by the Secret they reference; called while the controller is set up. */
  public void prepare(EventSourceContext<OpenLuffyInstance> context) {
    context.getPrimaryCache().addIndexer(INDEX, instance -> AdminSecretLocation.of(instance)
        .map(l -> List.of(l.toString())).orElse(List.of()));
    instances = context.getPrimaryCache();
  }

  /**
   * The Secret as cached by its watch, which is started first if this is the first instance referencing it (the
   * start lists the Secret, so it is seen at once). Watches no instance references any more are stopped.
   */
  @SuppressWarnings("unchecked")
  public synchronized Optional<Secret> watch(Context<OpenLuffyInstance> context, AdminSecretLocation location) {
    var retriever = context.eventSourceRetriever();
    Set<AdminSecretLocation> referenced = context.getPrimaryCache().list().flatMap(i -> AdminSecretLocation.of(i).stream())
        .collect(Collectors.toSet());
    watches.keySet().removeIf(watched -> {
      boolean stale = !referenced.contains(watched) && !watched.equals(location);
      if (stale) {
        retriever.dynamicallyDeRegisterEventSource(name(watched));
      }
      return stale;
    });
    var source = watches.computeIfAbsent(location, l -> (InformerEventSource<Secret, OpenLuffyInstance>)
        retriever.dynamicallyRegisterEventSource(newSource(l, retriever.eventSourceContextForDynamicRegistration())));
    return source.get(location.id());
  }

  private InformerEventSource<Secret, OpenLuffyInstance> newSource(AdminSecretLocation location,
      EventSourceContext<OpenLuffyInstance> context) {
    var configuration = InformerEventSourceConfiguration.from(Secret.class, OpenLuffyInstance.class)
        .withName(name(location))
        .withNamespaces(Set.of(location.namespace()))
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", location.name())))
        .withSecondaryToPrimaryMapper(secret -> instances.byIndex(INDEX, AdminSecretLocation.of(secret).toString())
            .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<OpenLuffyInstance>) instance ->
            AdminSecretLocation.of(instance).map(l -> Set.of(l.id())).orElse(Set.of()))
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  private static String name(AdminSecretLocation location) {
    return NAME_PREFIX + location;
  }
}
