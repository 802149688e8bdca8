package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.DeletionPolicy;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.ApiDisruptionBudgetDependent;
import io.openluffy.operator.dependent.ApiIngressDependent;
import io.openluffy.operator.dependent.ApiKeysSecretDependent;
import io.openluffy.operator.dependent.ApiNetworkPolicyDependent;
import io.openluffy.operator.dependent.ApiScriptsConfigMapDependent;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupEnabled;
import io.openluffy.operator.dependent.BackupNetworkPolicyDependent;
import io.openluffy.operator.dependent.BackupPvcDependent;
import io.openluffy.operator.dependent.BackupScriptsConfigMapDependent;
import io.openluffy.operator.dependent.DefaultDenyNetworkPolicyDependent;
import io.openluffy.operator.dependent.InstanceLabels;
import io.openluffy.operator.dependent.NetworkPolicyConditions;
import io.openluffy.operator.dependent.NamespaceDependent;
import io.openluffy.operator.dependent.PostgresNetworkPolicyDependent;
import io.openluffy.operator.dependent.PostgresSecretDependent;
import io.openluffy.operator.dependent.PostgresServiceDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.dependent.VerifyCronJobDependent;
import io.openluffy.operator.dependent.WorkloadReadiness;
import io.openluffy.operator.events.InstanceEvents;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles an OpenLuffyInstance: validates the spec and the namespace claim first (so a bad spec creates
 * nothing), runs the dependent workflow, then lets each {@link StatusContributor} report and patches the status
 * only when it changed. The workflow is invoked explicitly for exactly that ordering.
 */
@ControllerConfiguration(name = OpenLuffyInstanceReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "namespace", type = NamespaceDependent.class),
    @Dependent(name = "postgres-secret", type = PostgresSecretDependent.class, dependsOn = "namespace"),
    @Dependent(name = "api-keys", type = ApiKeysSecretDependent.class, dependsOn = "namespace"),
    @Dependent(name = "postgres-service", type = PostgresServiceDependent.class, dependsOn = "namespace"),
    // After both Secrets: the database claim then shows their values are the ones the data was written with.
    @Dependent(name = "postgres", type = PostgresStatefulSetDependent.class, dependsOn = {"postgres-secret", "api-keys"},
        readyPostcondition = WorkloadReadiness.DatabaseReady.class),
    @Dependent(name = "api-service", type = ApiServiceDependent.class, dependsOn = "namespace"),
    @Dependent(name = "api-scripts", type = ApiScriptsConfigMapDependent.class, dependsOn = "namespace"),
    // The API server starts once PostgreSQL is ready: it migrates the schema at start.
    @Dependent(name = "api", type = ApiDeploymentDependent.class, dependsOn = {"postgres", "api-keys", "api-scripts"},
        readyPostcondition = WorkloadReadiness.ApiServerAvailable.class),
    @Dependent(name = "api-pdb", type = ApiDisruptionBudgetDependent.class, dependsOn = "namespace",
        reconcilePrecondition = ApiDisruptionBudgetDependent.SeveralReplicas.class),
    @Dependent(name = "api-ingress", type = ApiIngressDependent.class, dependsOn = "api-service",
        reconcilePrecondition = ApiIngressDependent.HostSetAndAdminCreated.class),
    @Dependent(name = "netpol-default-deny", type = DefaultDenyNetworkPolicyDependent.class, dependsOn = "namespace",
        reconcilePrecondition = NetworkPolicyConditions.Enabled.class),
    @Dependent(name = "netpol-api", type = ApiNetworkPolicyDependent.class, dependsOn = "namespace",
        reconcilePrecondition = NetworkPolicyConditions.Enabled.class),
    @Dependent(name = "netpol-postgres", type = PostgresNetworkPolicyDependent.class, dependsOn = "namespace",
        reconcilePrecondition = NetworkPolicyConditions.Enabled.class),
    @Dependent(name = "netpol-backup", type = BackupNetworkPolicyDependent.class, dependsOn = "namespace",
        reconcilePrecondition = NetworkPolicyConditions.EnabledWithBackup.class),
    @Dependent(name = "backup-pvc", type = BackupPvcDependent.class, dependsOn = "namespace",
        reconcilePrecondition = BackupEnabled.class),
    @Dependent(name = "backup-scripts", type = BackupScriptsConfigMapDependent.class, dependsOn = "namespace",
        reconcilePrecondition = BackupEnabled.class),
    @Dependent(name = "backup-cronjob", type = BackupCronJobDependent.class,
        dependsOn = {"backup-pvc", "backup-scripts", "postgres-secret"},
        reconcilePrecondition = BackupEnabled.class),
    @Dependent(name = "verify-cronjob", type = VerifyCronJobDependent.class,
        dependsOn = {"backup-pvc", "backup-scripts", "postgres-secret"},
        reconcilePrecondition = VerifyCronJobDependent.Scheduled.class),
})
public class OpenLuffyInstanceReconciler implements Reconciler<OpenLuffyInstance>, Cleaner<OpenLuffyInstance> {

  public static final String NAME = "openluffyinstance";
  /** Safety net while not ready; workload status changes arrive as events long before this. */
  static final Duration NOT_READY_RECHECK = Duration.ofMinutes(2);

  private static final Logger log = LoggerFactory.getLogger(OpenLuffyInstanceReconciler.class);

  private final OperatorConfig config;
  private final SpecValidator validator;
  private final List<StatusContributor> contributors;
  private final Clock clock;
  private final InstanceMetrics metrics;
  private volatile boolean stopping;

  public OpenLuffyInstanceReconciler(OperatorConfig config, List<StatusContributor> contributors, Clock clock,
      InstanceMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.validator = new SpecValidator(config);
    this.contributors = List.copyOf(contributors);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, OpenLuffyInstance>> prepareEventSources(EventSourceContext<OpenLuffyInstance> context) {
    return contributors.stream().flatMap(c -> c.eventSources(context).stream()).toList();
  }

  @Override
  public UpdateControl<OpenLuffyInstance> reconcile(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    var status = new StatusBuilder(instance, clock);
    List<String> problems = validator.problems(instance);
    Optional<NamespaceClaims.Refusal> conflict = problems.isEmpty() ? NamespaceClaims.refusal(instance, context)
        : Optional.empty();
    if (!problems.isEmpty()) {
      status.failed(ConditionReason.Ready.INVALID_SPEC, String.join("; ", problems));
    } else if (conflict.isPresent()) {
      status.failed(conflict.get().reason(), conflict.get().message());
    } else {
      var workflow = context.managedWorkflowAndDependentResourceContext();
      workflow.put(OperatorConfig.class, config);
      workflow.reconcileManagedWorkflow();
      contributors.forEach(c -> c.contribute(instance, context, status));
    }
    if (stopping) {
      // The operator is stopping and its informers with it: a workflow cut short sees objects as missing, and
      // reporting that would flip a Ready instance to Degraded. The next leader reconciles from scratch.
      return UpdateControl.noUpdate();
    }
    // Failed specs are not rescheduled: only a spec change (a new event) can fix them.
    OpenLuffyInstanceStatus built = status.build();
    metrics.record(instance, built);
    if (!built.equals(instance.getStatus())) {
      // Events first: whoever sees the new status can find the Events that tell it.
      new InstanceEvents(context.getClient(), clock).conditionChanges(instance, instance.getStatus(), built);
      writeStatus(instance, built, context);
    }
    UpdateControl<OpenLuffyInstance> control = UpdateControl.noUpdate();
    if (problems.isEmpty() && conflict.isEmpty()) {
      if (!built.isTrue("Ready")) {
        status.retryAfter(NOT_READY_RECHECK);
      }
      status.retryAfter().ifPresent(control::rescheduleAfter);
    }
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<OpenLuffyInstance> updateErrorStatus(OpenLuffyInstance instance,
      Context<OpenLuffyInstance> context, Exception e) {
    if (stopping || interrupted(e)) {
      // the operator is stopping (pod shutdown, lost Lease): nothing failed, and the next leader reconciles
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    log.warn("Reconciling OpenLuffyInstance {} failed: {}", instance.getMetadata().getName(), describe(e));
    var status = new StatusBuilder(instance, clock).error(ConditionReason.Ready.RECONCILE_ERROR, describe(e)).build();
    if (!status.equals(instance.getStatus())) {
      new InstanceEvents(context.getClient(), clock).conditionChanges(instance, instance.getStatus(), status);
      writeStatus(instance, status, context);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    metrics.remove(instance);
    // Owned objects (workloads, Services, policies) go by garbage collection; namespace, Secrets and PVCs are
    // never owned, so Retain keeps them without doing anything here.
    if (instance.spec().deletionPolicy() == DeletionPolicy.Delete) {
      String namespace = instance.targetNamespace();
      var ns = context.getClient().namespaces().withName(namespace).get();
      // Only a namespace this instance holds: never one of an instance we conflicted with, nor data retained by a
      // deleted instance of the same name that this one was refused (or never asked) to adopt.
      var labels = ns == null || ns.getMetadata().getLabels() == null ? Map.<String, String>of()
          : ns.getMetadata().getLabels();
      if (instance.getMetadata().getName().equals(labels.get(InstanceLabels.INSTANCE))
          && !NamespaceClaims.isRetained(instance, labels)) {
        log.info("Deleting namespace {} of OpenLuffyInstance {} (deletionPolicy Delete)", namespace,
            instance.getMetadata().getName());
        context.getClient().namespaces().withName(namespace).delete();
      }
    }
    return DeleteControl.defaultDelete();
  }

  /** Called before the operator stops: from then on no reconcile reports a status. */
  public void stop() {
    stopping = true;
  }

  /**
   * Writes the status and puts the written instance in JOSDK's cache, so the next reconcile starts from it. Returning
   * {@code UpdateControl.patchStatus} does not: the next reconcile may start from the informer's copy one status
   * write behind, and rebuild the status from that (seen on the real tier: the reconcile right after the admin was
   * created read no {@code status.admin}, got the API server's "already initialised" and wrote the admin's email
   * away). Under SSA only the name and the status are applied, the fields this operator owns; with SSA off (the mock
   * server) the status goes on the instance as read, as a patch against it.
   */
  private void writeStatus(OpenLuffyInstance instance, OpenLuffyInstanceStatus status,
      Context<OpenLuffyInstance> context) {
    if (!config.serverSideApply()) {
      PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(instance, context, current -> {
        current.setStatus(status);
        return current;
      });
      return;
    }
    var applied = new OpenLuffyInstance();
    applied.setMetadata(new ObjectMetaBuilder().withName(instance.getMetadata().getName()).build());
    applied.setStatus(status);
    PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(instance, applied, context);
  }

  private static boolean interrupted(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  /** Error text for status and logs: the API server's reason, never a request body. */
  private static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof KubernetesClientException)) {
      cause = cause.getCause();
    }
    if (cause instanceof KubernetesClientException k && k.getStatus() != null) {
      return "Kubernetes API error " + k.getCode() + ": " + k.getStatus().getMessage();
    }
    String message = String.valueOf(cause.getMessage());
    return cause.getClass().getSimpleName() + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
  }
}
