package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.openluffy.operator.dependent.InstanceLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Job of a one-off run (OpenLuffyBackup, OpenLuffyRestore) and its pods, watched by a label whose value names the
 * run's resource in the same namespace ({@code openluffy.io/backup: <name>}): the operator's own objects only.
 */
final class RunJobs {

  private RunJobs() {
  }

  static <P extends HasMetadata> List<EventSource<?, P>> eventSources(Class<P> primary, String runLabel,
      EventSourceContext<P> context) {
    String selector = InstanceLabels.MANAGED_SELECTOR + "," + runLabel;
    var jobs = InformerEventSourceConfiguration.from(Job.class, primary).withName(runLabel + "-jobs")
        .withLabelSelector(selector).withSecondaryToPrimaryMapper(o -> toRun(o, runLabel)).build();
    var pods = InformerEventSourceConfiguration.from(Pod.class, primary).withName(runLabel + "-pods")
        .withLabelSelector(selector).withSecondaryToPrimaryMapper(o -> toRun(o, runLabel)).build();
    return List.of(new InformerEventSource<>(jobs, context), new InformerEventSource<>(pods, context));
  }

  /**
   * The run's Job (named after the run): from the cache, or, when the status already names it and the cache has not
   * seen it yet, from the API server, so that a Job just created is not taken for deleted.
   */
  static Optional<Job> job(Context<?> context, HasMetadata run, String recorded) {
    String name = run.getMetadata().getName();
    return context.getSecondaryResources(Job.class).stream().filter(j -> name.equals(j.getMetadata().getName()))
        .findFirst().or(() -> Optional.ofNullable(recorded).map(j -> context.getClient().batch().v1().jobs()
            .inNamespace(run.getMetadata().getNamespace()).withName(j).get()));
  }

  /** A run's Job's metadata: named after the run, in its namespace, owned by it (deleting the run deletes the Job). */
  static ObjectMeta metadata(HasMetadata run, Map<String, String> labels) {
    String name = run.getMetadata().getName();
    return new ObjectMetaBuilder().withName(name).withNamespace(run.getMetadata().getNamespace()).withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion()).withKind(run.getKind())
            .withName(name).withUid(run.getMetadata().getUid()).withController(true).build())
        .build();
  }

  static Set<Pod> pods(Context<?> context) {
    return context.getSecondaryResources(Pod.class);
  }

  private static Set<ResourceID> toRun(HasMetadata object, String runLabel) {
    return Optional.ofNullable(object.getMetadata().getLabels()).map(labels -> labels.get(runLabel))
        .map(name -> Set.of(new ResourceID(name, object.getMetadata().getNamespace()))).orElse(Set.of());
  }
}
