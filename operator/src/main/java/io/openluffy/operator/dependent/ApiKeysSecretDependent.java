package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The API server's keys, generated once: {@code jwt-signing-key} (512 random bits), {@code encryption-key}
 * (256 random bits, AES-256-GCM) and {@code bootstrap-token} (256 random bits: only its holder, the operator, may
 * create the first admin), each stored Base64-encoded. The encryption key is data-bound: the stored GitHub and Argo CD
 * tokens are encrypted with it. A missing JWT signing key is generated, which only ends sessions, and so is a missing
 * bootstrap token (an upgrade adds it; the API Deployment's new variable rolls the pods onto it).
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.API_SELECTOR))
public class ApiKeysSecretDependent extends GeneratedSecretDependent {

  public static final String JWT_SIGNING_KEY = "jwt-signing-key";
  public static final String ENCRYPTION_KEY = "encryption-key";
  public static final String BOOTSTRAP_TOKEN = "bootstrap-token";

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api-keys";
  }

  public ApiKeysSecretDependent() {
    super(ApiKeysSecretDependent::name);
  }

  @Override
  protected Set<String> dataBoundKeys() {
    return Set.of(ENCRYPTION_KEY);
  }

  @Override
  protected String dataBoundBecause() {
    return "the stored GitHub and Argo CD tokens are encrypted with its " + ENCRYPTION_KEY
        + ", so a new one would make them unreadable";
  }

  @Override
  protected Secret desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new SecretBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withType("Opaque")
        .addToData(JWT_SIGNING_KEY, GeneratedSecrets.secretData(64))
        .addToData(ENCRYPTION_KEY, GeneratedSecrets.secretData(32))
        .addToData(BOOTSTRAP_TOKEN, GeneratedSecrets.secretData(32))
        .build();
  }

  /** The instance's bootstrap token as the API server reads it, from the operator's cache of the Secret. */
  public static Optional<String> bootstrapToken(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return context.getSecondaryResources(Secret.class).stream()
        .filter(secret -> secret.getMetadata().getName().equals(name(instance)))
        .map(secret -> secret.getData() == null ? null : secret.getData().get(BOOTSTRAP_TOKEN))
        .filter(Objects::nonNull)
        .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII))
        .findFirst();
  }
}
