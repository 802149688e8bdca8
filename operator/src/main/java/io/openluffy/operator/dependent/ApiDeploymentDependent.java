package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;

/** The OpenLuffy API server; database credentials and keys come from the generated Secrets by reference only. */
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
        .withResources(api.getResources())
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
        .withContainers(container)
        .withVolumes(PodSecurity.scratch("tmp"))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(OpenLuffyInstance instance) {
    String db = PostgresSecretDependent.name(instance);
    String keys = ApiKeysSecretDependent.name(instance);
    return List.of(
        EnvVars.plain("OPENLUFFY_PORT", Integer.toString(PORT)),
        EnvVars.plain("OPENLUFFY_DATABASE_URL", "jdbc:postgresql://" + PostgresServiceDependent.host(instance) + ":"
            + PostgresStatefulSetDependent.PORT + "/" + PostgresSecretDependent.DATABASE),
        EnvVars.fromSecret("OPENLUFFY_DATABASE_USER", db, PostgresSecretDependent.USER_KEY),
        EnvVars.fromSecret("OPENLUFFY_DATABASE_PASSWORD", db, PostgresSecretDependent.PASSWORD_KEY),
        EnvVars.fromSecret("OPENLUFFY_JWT_SIGNING_KEY", keys, ApiKeysSecretDependent.JWT_SIGNING_KEY),
        EnvVars.fromSecret("OPENLUFFY_ENCRYPTION_KEY", keys, ApiKeysSecretDependent.ENCRYPTION_KEY));
  }

  private static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
        .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(3)
        .build();
  }
}
