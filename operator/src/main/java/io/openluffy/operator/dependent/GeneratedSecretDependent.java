package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Secret of generated values that is never rewritten: a key present keeps its value, a key missing is added (an
 * upgrade brings new keys; removing the JWT signing key is how it is rotated). Keys whose loss breaks data
 * ({@link #dataBoundKeys()}) are never generated while the instance's data exists ({@link DatabaseClaim}): the
 * Secret is then left alone and the loss is reported ({@link LostGeneratedSecret}). Neither owned nor deletable, so
 * deletionPolicy Retain keeps it and a new instance of the same name adopts it.
 */
abstract class GeneratedSecretDependent extends NamedDependentResource<Secret>
    implements Creator<Secret, OpenLuffyInstance> {

  private static final Logger log = LoggerFactory.getLogger(GeneratedSecretDependent.class);

  private final Function<OpenLuffyInstance, String> name;

  // Found by name (NamedDependentResource): here it also matters because desired() draws fresh randomness.
  GeneratedSecretDependent(Function<OpenLuffyInstance, String> name) {
    super(Secret.class, name);
    this.name = name;
  }

  /** Keys the data was written with (a password PostgreSQL stores, the key tokens are encrypted with). */
  protected abstract Set<String> dataBoundKeys();

  /** What is lost with a data-bound key, for the condition that reports it missing. */
  protected abstract String dataBoundBecause();

  // desired() is built on every reconcile to learn which keys exist: a few random draws, cheap next to a match.
  @Override
  protected ReconcileResult<Secret> reconcile(OpenLuffyInstance instance, Secret actual,
      Context<OpenLuffyInstance> context) {
    Map<String, String> present = actual == null || actual.getData() == null ? Map.of() : actual.getData();
    List<String> lost = dataBoundKeys().stream().filter(key -> !present.containsKey(key)).sorted().toList();
    if (!lost.isEmpty() && DatabaseClaim.exists(instance, context)) {
      String secret = name.apply(instance);
      LostGeneratedSecret.record(context, new LostGeneratedSecret(secret, actual == null, lost,
          PostgresStatefulSetDependent.dataClaimName(instance), dataBoundBecause()));
      log.warn("Not generating {} {}/{}: it is missing while the instance's data exists",
          actual == null ? "Secret" : "the key(s) " + lost + " of Secret", instance.targetNamespace(), secret);
      return ReconcileResult.noOperation(actual);
    }
    Secret desired = desired(instance, context);
    if (actual == null) {
      return ReconcileResult.resourceCreated(handleCreate(desired, instance, context));
    }
    Map<String, String> missing = new LinkedHashMap<>(desired.getData());
    missing.keySet().removeAll(present.keySet());
    if (missing.isEmpty()) {
      return ReconcileResult.noOperation(actual);
    }
    Secret added = addKeys(actual, missing, context);
    log.info("Added the missing key(s) {} to Secret {}/{}", missing.keySet(), instance.targetNamespace(),
        actual.getMetadata().getName());
    onUpdated(instance, added, actual, context);
    return ReconcileResult.resourceUpdated(added);
  }

  /**
   * A JSON patch of "add" operations only, guarded by a "test" of the resourceVersion the keys were found missing
   * in: a key written meanwhile (someone restoring it) makes the patch fail and the reconcile retry, never
   * overwrites it.
   */
  private static Secret addKeys(Secret actual, Map<String, String> missing, Context<OpenLuffyInstance> context) {
    List<Map<String, Object>> patch = new ArrayList<>();
    patch.add(Map.of("op", "test", "path", "/metadata/resourceVersion",
        "value", actual.getMetadata().getResourceVersion()));
    if (actual.getData() == null) {
      patch.add(Map.of("op", "add", "path", "/data", "value", missing));
    } else {
      missing.forEach((key, value) -> patch.add(Map.of("op", "add", "path", "/data/" + key, "value", value)));
    }
    return context.getClient().secrets().inNamespace(actual.getMetadata().getNamespace())
        .withName(actual.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(patch));
  }
}
