package io.openluffy.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's Kubernetes Events, so {@code kubectl describe oli <name>} tells its story: one Event per condition
 * change (its type, reason and message), written when the status that holds the change is. Instances are
 * cluster-scoped, and the API server accepts Events about a cluster-scoped object only in namespace
 * {@value #NAMESPACE} (as the Node controller's), where {@code kubectl describe} finds them. Aggregated as client-go's recorder does: the same change again (a backup that
 * fails every night) bumps {@code count} and {@code lastTimestamp} of one Event, named after what it says, instead
 * of adding one, so no storm of Events forms. Messages are the conditions', which never hold a secret.
 */
public final class InstanceEvents {

  static final String COMPONENT = "openluffy-operator";
  public static final String NAMESPACE = "default";
  /** Reasons of a condition that is False only because work is under way: not warnings. */
  private static final Set<String> PROGRESS = Set.of(ConditionReason.DatabaseReady.CREATING,
      ConditionReason.Ready.COMPONENTS_NOT_READY, ConditionReason.DatabaseReady.STATEFUL_SET_NOT_READY,
      ConditionReason.ApiServerReady.DEPLOYMENT_UNAVAILABLE, ConditionReason.AdminBootstrapped.WAITING_FOR_API_SERVER,
      ConditionReason.IngressReady.WAITING_FOR_ADMIN, ConditionReason.BackupScheduled.BACKUP_DISABLED);

  private static final Logger log = LoggerFactory.getLogger(InstanceEvents.class);

  private final KubernetesClient client;
  private final Clock clock;

  public InstanceEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Records each condition whose status or reason differs between the two statuses. Never fails the reconcile. */
  public void conditionChanges(OpenLuffyInstance instance, OpenLuffyInstanceStatus before,
      OpenLuffyInstanceStatus after) {
    Map<String, Condition> previous = byType(before);
    for (Condition now : Optional.ofNullable(after.getConditions()).orElse(List.of())) {
      Condition old = previous.get(now.getType());
      if (old == null || !Objects.equals(old.getStatus(), now.getStatus())
          || !Objects.equals(old.getReason(), now.getReason())) {
        record(instance, warning(now) ? "Warning" : "Normal", now.getReason(), now.getType() + ": " + now.getMessage());
      }
    }
  }

  private static boolean warning(Condition condition) {
    return "False".equals(condition.getStatus()) && !PROGRESS.contains(condition.getReason());
  }

  private void record(OpenLuffyInstance instance, String type, String reason, String message) {
    String name = instance.getMetadata().getName() + "." + digest(instance.getMetadata().getUid(), type, reason,
        message);
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    var events = client.v1().events().inNamespace(NAMESPACE);
    try {
      Event existing = events.withName(name).get();
      if (existing == null) {
        events.resource(new EventBuilder()
            .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
            .withNewInvolvedObject().withApiVersion(instance.getApiVersion()).withKind(instance.getKind())
            .withName(instance.getMetadata().getName()).withUid(instance.getMetadata().getUid())
            .withResourceVersion(instance.getMetadata().getResourceVersion()).endInvolvedObject()
            .withType(type).withReason(reason).withMessage(message)
            .withNewSource().withComponent(COMPONENT).endSource()
            .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
            .build()).create();
      } else {
        int count = Optional.ofNullable(existing.getCount()).orElse(1) + 1;
        events.withName(name).edit(e -> new EventBuilder(e).withCount(count).withLastTimestamp(now).build());
      }
    } catch (KubernetesClientException e) {
      // An Event is a courtesy: the status already says the same, so losing one must not fail the reconcile.
      log.warn("Cannot record Event {} for OpenLuffyInstance {}: HTTP {}", reason, instance.getMetadata().getName(),
          e.getCode());
    }
  }

  private static Map<String, Condition> byType(OpenLuffyInstanceStatus status) {
    return status == null || status.getConditions() == null ? Map.of()
        : status.getConditions().stream().collect(Collectors.toMap(Condition::getType, Function.identity(),
            (a, b) -> b));
  }

  private static String digest(String... parts) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
