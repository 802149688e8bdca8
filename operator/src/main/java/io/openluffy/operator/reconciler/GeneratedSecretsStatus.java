package io.openluffy.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.dependent.DatabaseClaim;
import io.openluffy.operator.dependent.LostGeneratedSecret;
import io.openluffy.operator.dependent.PostgresSecretDependent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code Ready=False}, reason {@code GeneratedSecretMissing}, while a generated Secret (or a data-bound key of it)
 * is gone and the instance's data exists: the operator does not generate it, and the message names the Secret and
 * the way back (operator README, "Generated Secrets"). Holds the informer on the database claims that tells whether
 * the data exists, and reconciles an instance when its claim appears or goes.
 */
public class GeneratedSecretsStatus implements StatusContributor {

  /**
   * A Secret restored from a copy of itself carries JOSDK's {@code javaoperatorsdk.io/previous} annotation, which
   * makes this operator process take its creation for its own write and drop the event; so the instance looks again.
   */
  static final Duration RECHECK = Duration.ofSeconds(10);
  private static final String SESSIONS_ONLY = "(A new JWT signing key only ends sessions: the operator generates a "
      + "missing " + ApiKeysSecretDependent.JWT_SIGNING_KEY + " by itself.)";

  @Override
  public List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    return List.of(DatabaseClaim.eventSource(context));
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    List<String> lost = Stream.of(PostgresSecretDependent.name(instance), ApiKeysSecretDependent.name(instance))
        .flatMap(secret -> LostGeneratedSecret.of(context, secret).stream())
        .map(secret -> describe(secret, instance.targetNamespace()))
        .toList();
    if (!lost.isEmpty()) {
      status.error(ConditionReason.Ready.GENERATED_SECRET_MISSING,
          String.join(" ", lost) + " " + SESSIONS_ONLY).retryAfter(RECHECK);
    }
  }

  private static String describe(LostGeneratedSecret lost, String namespace) {
    String what = lost.whole() ? "Secret " + lost.secret()
        : "Key " + String.join(", ", lost.keys()) + " of Secret " + lost.secret();
    return what + " is missing while the instance's data exists (PVC " + lost.claim() + " in " + namespace
        + "); the operator does not generate it: " + lost.because() + ". Restore it from your secret backup with "
        + "kubectl apply (keeping its labels), or follow the reset procedure in the operator README, "
        + "\"Generated Secrets\".";
  }
}
