package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;

/**
 * The OpenLuffy API server, connecting as the database's application role, which an init container sets up first
 * (app-role.sh as the superuser, in the database image, which has psql); credentials and keys come from the
 * generated Secrets by reference only.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class ApiDeploymentDependent extends CrudNamedDependentResource<Deployment> {

  public static final int PORT = 8080;

  public ApiDeploymentDependent() {
    super(Deployment.class, ApiDeploymentDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api";
  }

  public static String image(OpenLuffyInstance instance) {
    return instance.spec().apiServer().image() + ":" + instance.spec().version();
  }

  @Override
  protected Deployment desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    ApiServerSpec api = instance.spec().apiServer();
    var container = new ContainerBuilder()
        .withName("api")
        .withImage(image(instance))
        .withEnv(env(instance))
        .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withReadinessProbe(httpProbe("/readyz", 5, 3))
        .withLivenessProbe(httpProbe("/healthz", 15, 4))
        .withResources(WorkloadResources.apiServer(api.getResources()))
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(PodSecurity.mount("tmp", "/tmp"))
        .build();
    return new DeploymentBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withNewSpec()
        .withReplicas(RestoreInProgress.of(instance, context).isPresent() ? 0 : api.replicas())
        .withNewSelector().withMatchLabels(InstanceLabels.selector(instance, Component.API)).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, Component.API)).endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.API_UID))
        .withTopologySpreadConstraints(spread(instance))
        .withInitContainers(appRole(instance))
        .withContainers(container)
        .withVolumes(PodSecurity.scratch("tmp"))
        .addNewVolume().withName("scripts").withNewConfigMap().withName(ApiScriptsConfigMapDependent.name(instance))
        .endConfigMap().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Sets up the application role as the superuser before the API server starts (README, "Database roles"). */
  private static Container appRole(OpenLuffyInstance instance) {
    String db = PostgresSecretDependent.name(instance);
    return new ContainerBuilder()
        .withName("app-role")
        .withImage(instance.spec().database().image())
        .withCommand(Scripts.command(ApiScriptsConfigMapDependent.APP_ROLE))
        .withEnv(EnvVars.superuser(instance))
        .addToEnv(EnvVars.fromSecret("APP_USER", db, PostgresSecretDependent.APP_USER_KEY),
            EnvVars.fromSecret("APP_PASSWORD", db, PostgresSecretDependent.APP_PASSWORD_KEY))
        // the pod's request is the larger of an init container's and the containers' sum: this adds nothing
        .withResources(WorkloadResources.apiServer(instance.spec().apiServer().getResources()))
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(PodSecurity.mount("scripts", Scripts.MOUNT_PATH))
        .build();
  }

  private static List<EnvVar> env(OpenLuffyInstance instance) {
    String db = PostgresSecretDependent.name(instance);
    String keys = ApiKeysSecretDependent.name(instance);
    return List.of(
        EnvVars.plain("OPENLUFFY_PORT", Integer.toString(PORT)),
        EnvVars.plain("OPENLUFFY_DATABASE_URL", "jdbc:postgresql://" + PostgresServiceDependent.host(instance) + ":"
            + PostgresStatefulSetDependent.PORT + "/" + PostgresSecretDependent.DATABASE),
        EnvVars.fromSecret("OPENLUFFY_DATABASE_USER", db, PostgresSecretDependent.APP_USER_KEY),
        EnvVars.fromSecret("OPENLUFFY_DATABASE_PASSWORD", db, PostgresSecretDependent.APP_PASSWORD_KEY),
        EnvVars.fromSecret("OPENLUFFY_JWT_SIGNING_KEY", keys, ApiKeysSecretDependent.JWT_SIGNING_KEY),
        EnvVars.fromSecret("OPENLUFFY_ENCRYPTION_KEY", keys, ApiKeysSecretDependent.ENCRYPTION_KEY),
        EnvVars.fromSecret("OPENLUFFY_BOOTSTRAP_TOKEN", keys, ApiKeysSecretDependent.BOOTSTRAP_TOKEN));
  }

  /**
   * Replicas spread over nodes (and zones, where nodes have them), so one node's loss leaves the others answering;
   * a preference, not a rule, so a small cluster still schedules them all.
   */
  private static List<TopologySpreadConstraint> spread(OpenLuffyInstance instance) {
    if (instance.spec().apiServer().replicas() <= 1) {
      return List.of();
    }
    var selector = new LabelSelectorBuilder().withMatchLabels(InstanceLabels.selector(instance, Component.API)).build();
    return List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone").stream()
        .map(key -> new TopologySpreadConstraintBuilder().withTopologyKey(key).withMaxSkew(1)
            .withWhenUnsatisfiable("ScheduleAnyway").withLabelSelector(selector).build())
        .toList();
  }

  private static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
        .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(3)
        .build();
  }
}
