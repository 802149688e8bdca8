package io.openluffy.operator.bootstrap;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The watch on the users' admin Secrets. They carry no operator label, so the label-filtered informers of the
 * managed objects never see them; this informer covers only the namespaces admin Secrets are referenced in (plus
 * the operator's own, where the examples keep them), not every Secret of the cluster. An index on the instances
 * maps a Secret event back to the instances that reference it, so creating or fixing a Secret reconciles them
 * without any edit of the instance.
 */
public final class AdminSecretWatch {

  public static final String EVENT_SOURCE_NAME = "admin-secret";
  static final String INDEX = "admin-secret-ref";

  private final String operatorNamespace;
  private InformerEventSource<Secret, OpenLuffyInstance> source;
  private Set<String> watched;

  public AdminSecretWatch(String operatorNamespace) {
    this.operatorNamespace = operatorNamespace;
  }

  public InformerEventSource<Secret, OpenLuffyInstance> eventSource(EventSourceContext<OpenLuffyInstance> context) {
    var instances = context.getPrimaryCache();
    instances.addIndexer(INDEX, instance -> AdminSecretLocation.of(instance).map(l -> List.of(l.toString()))
        .orElse(List.of()));
    watched = Set.of(operatorNamespace);
    var configuration = InformerEventSourceConfiguration.from(Secret.class, OpenLuffyInstance.class)
        .withName(EVENT_SOURCE_NAME)
        .withNamespaces(watched)
        // JOSDK only lets an informer change namespaces at runtime when it "follows the controller"; the
        // controller (cluster-scoped instances) never changes its own, so only watch() below changes these.
        .withFollowControllerNamespacesChanges(true)
        .withSecondaryToPrimaryMapper(secret -> instances.byIndex(INDEX, AdminSecretLocation.of(secret).toString())
            .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<OpenLuffyInstance>) instance ->
            AdminSecretLocation.of(instance).map(l -> Set.of(l.id())).orElse(Set.of()))
        .build();
    source = new InformerEventSource<>(configuration, context);
    return source;
  }

  /**
   * Makes the informer cover exactly the operator namespace and the namespaces the given instances' admin Secrets
   * live in. A newly added namespace is listed before this returns, so {@link #get} sees its Secrets at once.
   */
  public synchronized void watch(ResourceCache<OpenLuffyInstance> instances) {
    Set<String> wanted = Stream.concat(Stream.of(operatorNamespace),
            instances.list().flatMap(i -> AdminSecretLocation.of(i).stream()).map(AdminSecretLocation::namespace))
        .collect(Collectors.toCollection(TreeSet::new));
    if (!wanted.equals(watched)) {
      source.changeNamespaces(wanted);
      watched = Set.copyOf(wanted);
    }
  }

  public Optional<Secret> get(AdminSecretLocation location) {
    return source.get(location.id());
  }
}
