package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.openluffy.operator.bootstrap.AdminCondition;
import io.openluffy.operator.bootstrap.AdminCredentials;
import io.openluffy.operator.bootstrap.AdminSecretDrift;
import io.openluffy.operator.bootstrap.AdminSecretLocation;
import io.openluffy.operator.bootstrap.AdminSecretPolicy;
import io.openluffy.operator.bootstrap.AdminSecretWatch;
import io.openluffy.operator.bootstrap.ApiServerLocator;
import io.openluffy.operator.bootstrap.BootstrapClient;
import io.openluffy.operator.bootstrap.BootstrapOutcome;
import io.openluffy.operator.bootstrap.InvalidAdminSecretException;
import io.openluffy.operator.bootstrap.RetryBackoff;
import io.openluffy.operator.crd.AdminStatus;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.crd.ConditionType;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last status step: once ApiServerReady is true, creates the first admin from the instance's admin Secret and
 * reports AdminBootstrapped (and, afterwards, AdminSecretDrift).
 *
 * <p>{@code status.admin} with AdminBootstrapped=True means done: later reconciles do not call the API server.
 * The one exception is the first reconcile of each operator process, which posts once more: it confirms the admin
 * is still there (AlreadyInitialized, which changes nothing in the status, so a restart writes nothing) or, if the
 * database came back empty, creates it again from the Secret.
 */
public class AdminBootstrapStatus implements StatusContributor {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrapStatus.class);

  private final ApiServerLocator locator;
  private final BootstrapClient client;
  private final AdminSecretWatch secrets;
  private final AdminSecretPolicy policy;
  private final RetryBackoff backoff;
  private final Clock clock;
  /** Instances (by uid) whose bootstrap this process has done or confirmed. */
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

  public AdminBootstrapStatus(ApiServerLocator locator, BootstrapClient client, AdminSecretWatch secrets,
      AdminSecretPolicy policy, RetryBackoff backoff, Clock clock) {
    this.locator = locator;
    this.client = client;
    this.secrets = secrets;
    this.policy = policy;
    this.backoff = backoff;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, OpenLuffyInstance>> eventSources(EventSourceContext<OpenLuffyInstance> context) {
    secrets.prepare(context);
    // The Secret watches are registered per referenced Secret while reconciling (AdminSecretWatch#watch).
    return List.of();
  }

  @Override
  public void contribute(OpenLuffyInstance instance, Context<OpenLuffyInstance> context, StatusBuilder status) {
    Optional<AdminSecretLocation> location = AdminSecretLocation.of(instance);
    if (location.isEmpty()) {
      // No Secret named: the first admin is created by hand (POST /v1/auth/bootstrap/create-admin); nothing to report.
      return;
    }
    var previous = Optional.ofNullable(instance.getStatus()).orElseGet(OpenLuffyInstanceStatus::new);
    boolean bootstrapped = previous.getAdmin() != null && previous.isTrue(ConditionType.ADMIN_BOOTSTRAPPED);
    if (!policy.allows(instance, location.get())) {
      // Not read, not watched: the condition is the same whether the Secret exists or not.
      status.required(ConditionType.ADMIN_BOOTSTRAPPED, bootstrapped,
          ConditionReason.AdminBootstrapped.SECRET_NOT_ALLOWED,
          policy.allowedMessage(instance, location.get()));
      return;
    }
    Optional<Secret> secret = secrets.watch(context, instance, location.get());
    boolean apiReady = status.isTrue(ConditionType.API_SERVER_READY);
    String uid = instance.getMetadata().getUid();

    AdminCondition condition;
    if (bootstrapped && (confirmed.contains(uid) || !apiReady || secret.isEmpty())) {
      condition = kept(previous);
    } else if (!apiReady) {
      condition = AdminCondition.waitingForApiServer(location.get());
    } else if (secret.isEmpty()) {
      condition = AdminCondition.secretNotFound(location.get(), AdminSecretPolicy.selector(instance));
    } else {
      condition = bootstrap(instance, context, location.get(), secret.get(), status);
      if (bootstrapped && !condition.reason().equals(ConditionReason.AdminBootstrapped.CREATED)) {
        // Only the once-per-process confirmation: what was done stays done, whether it failed or found the admin.
        condition = kept(previous);
      }
    }
    status.required(ConditionType.ADMIN_BOOTSTRAPPED, condition.bootstrapped(), condition.reason(),
        condition.message());
    AdminStatus admin = condition.bootstrapped() ? status.admin() : null;
    if (admin != null) {
      var drift = AdminSecretDrift.of(admin, location.get(), secret);
      status.informational(ConditionType.ADMIN_SECRET_DRIFT, drift.drifted(), drift.reason(), drift.message());
    }
  }

  private AdminCondition bootstrap(OpenLuffyInstance instance, Context<OpenLuffyInstance> context,
      AdminSecretLocation location, Secret secret, StatusBuilder status) {
    String name = instance.getMetadata().getName();
    String uid = instance.getMetadata().getUid();
    AdminCredentials admin;
    try {
      admin = AdminCredentials.fromSecret(secret);
    } catch (InvalidAdminSecretException e) {
      return AdminCondition.secretInvalid(location, e.key());
    }
    String resourceVersion = secret.getMetadata().getResourceVersion();
    Optional<String> token = ApiKeysSecretDependent.bootstrapToken(instance, context);
    if (token.isEmpty()) {
      // the api-keys Secret is not cached yet, or lost (the workflow reports that): nothing to authenticate with
      return AdminCondition.waitingForApiServer(location);
    }
    BootstrapOutcome outcome = client.createAdmin(locator.baseUrl(instance), admin, token.get());
    switch (outcome.result()) {
      case CREATED -> {
        confirmed.add(uid);
        backoff.reset(uid);
        status.admin(adminStatus(admin.email(), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
            resourceVersion));
        log.info("Created the first admin {} of OpenLuffyInstance {} from Secret {}", admin.email(), name, location);
        // at once, not at the next event: the Ingress waits for this status (ApiIngressDependent)
        status.retryAfter(Duration.ZERO);
        return AdminCondition.created(location, admin.email());
      }
      case ALREADY_INITIALIZED -> {
        confirmed.add(uid);
        backoff.reset(uid);
        if (status.admin() == null) {
          // Users existed before this operator saw the instance: who the admin is, is not ours to say.
          status.admin(adminStatus(null, null, resourceVersion));
        }
        log.info("OpenLuffyInstance {} already has its admin; nothing created", name);
        return AdminCondition.alreadyInitialized(location);
      }
      case REJECTED -> {
        log.warn("The API server of OpenLuffyInstance {} refused the admin from Secret {}: {}", name, location,
            outcome.detail());
        return AdminCondition.rejected(location, outcome.detail());
      }
      default -> {
        Duration retryIn = backoff.next(uid);
        status.retryAfter(retryIn);
        log.warn("Cannot bootstrap the admin of OpenLuffyInstance {} yet: {}; retrying in {}s", name,
            outcome.detail(), retryIn.toSeconds());
        return AdminCondition.unreachable(outcome.detail(), retryIn);
      }
    }
  }

  private static AdminCondition kept(OpenLuffyInstanceStatus previous) {
    var condition = previous.condition(ConditionType.ADMIN_BOOTSTRAPPED).orElseThrow();
    return new AdminCondition(true, condition.getReason(), condition.getMessage());
  }

  private static AdminStatus adminStatus(String email, String at, String resourceVersion) {
    var admin = new AdminStatus();
    admin.setEmail(email);
    admin.setBootstrappedAt(at);
    admin.setSecretResourceVersion(resourceVersion);
    return admin;
  }
}
