package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;

/** The instance's PostgreSQL: one replica, data on a claim from {@code spec.database}. */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.MANAGED_SELECTOR))
public class PostgresStatefulSetDependent extends CrudNamedDependentResource<StatefulSet> {

  public static final int PORT = 5432;
  static final String DATA_VOLUME = "data";
  static final String DATA_PATH = "/var/lib/postgresql/data";
  static final String SHM_VOLUME = "shm";
  /**
   * The container runtime's /dev/shm is 64 MiB: a parallel hash join over a few million rows fails with "could not
   * resize shared memory segment". Memory-backed, so it counts as the pod's memory.
   */
  static final String SHM_SIZE = "512Mi";
  /** Time for the fast shutdown of the preStop hook: a checkpoint of a busy database takes tens of seconds. */
  static final int GRACE_SECONDS = 120;
  /** 10 s apart: an hour of crash recovery before the startup probe gives up. */
  static final int STARTUP_FAILURES = 360;

  public PostgresStatefulSetDependent() {
    super(StatefulSet.class, PostgresStatefulSetDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-postgres";
  }

  /** A PVC name the StatefulSet controller gives the data claim of pod 0. */
  public static String dataClaimName(OpenLuffyInstance instance) {
    return DATA_VOLUME + "-" + name(instance) + "-0";
  }

  @Override
  protected StatefulSet desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    DatabaseSpec db = instance.spec().database();
    var selector = InstanceLabels.selector(instance, Component.POSTGRES);
    var container = new ContainerBuilder()
        .withName("postgres")
        .withImage(PostgresMajorVersion.image(instance, context.getSecondaryResource(StatefulSet.class)))
        .withEnv(env(instance))
        .addNewPort().withName("postgres").withContainerPort(PORT).withProtocol("TCP").endPort()
        // Liveness starts once the startup probe passed: a long crash recovery (minutes on a big WAL) is not killed
        // midway, which would only start it again.
        .withStartupProbe(pgIsReady(10, STARTUP_FAILURES))
        .withReadinessProbe(pgIsReady(5, 3))
        .withLivenessProbe(pgIsReady(30, 6))
        // Kubernetes stops with SIGTERM, a "smart" shutdown that waits for every client to disconnect, and the API
        // server's pool never does: a fast shutdown (rolls back open transactions, checkpoints) instead, so the next
        // start needs no crash recovery.
        .withNewLifecycle().withNewPreStop().withNewExec()
        .withCommand("sh", "-c", "pg_ctl stop -D \"$PGDATA\" -m fast -w -t " + (GRACE_SECONDS - 10))
        .endExec().endPreStop().endLifecycle()
        .withResources(WorkloadResources.postgres(db.getResources()))
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(PodSecurity.mount(DATA_VOLUME, DATA_PATH),
            PodSecurity.mount("run", "/var/run/postgresql"), PodSecurity.mount("tmp", "/tmp"),
            PodSecurity.mount(SHM_VOLUME, "/dev/shm"))
        .build();
    return new StatefulSetBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.POSTGRES))
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(PostgresServiceDependent.name(instance))
        .withNewSelector().withMatchLabels(selector).endSelector()
        // Explicit: the data claim outlives the StatefulSet whatever the cluster default becomes.
        .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewTemplate()
        .withNewMetadata().withLabels(InstanceLabels.of(instance, Component.POSTGRES)).endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.POSTGRES_UID))
        .withTerminationGracePeriodSeconds((long) GRACE_SECONDS)
        .withContainers(container)
        .withVolumes(PodSecurity.scratch("run"), PodSecurity.scratch("tmp"), sharedMemory())
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(dataClaim(instance, context))
        .endSpec()
        .build();
  }

  // volumeClaimTemplates cannot change on a live StatefulSet: keep the existing one rather than fail every reconcile.
  private PersistentVolumeClaim dataClaim(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    // Read from the context, not getSecondaryResource(), which would call desired() again.
    var existing = context.getSecondaryResource(StatefulSet.class)
        .map(sts -> sts.getSpec().getVolumeClaimTemplates())
        .filter(templates -> templates != null && templates.size() == 1);
    if (existing.isPresent()) {
      return existing.get().get(0);
    }
    DatabaseSpec db = instance.spec().database();
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(DATA_VOLUME).withLabels(InstanceLabels.of(instance, Component.POSTGRES))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(db.getStorageClassName())
        .withNewResources().addToRequests("storage", new Quantity(db.storage())).endResources()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(OpenLuffyInstance instance) {
    String secret = PostgresSecretDependent.name(instance);
    return List.of(
        EnvVars.fromSecret("POSTGRES_USER", secret, PostgresSecretDependent.USER_KEY),
        EnvVars.fromSecret("POSTGRES_PASSWORD", secret, PostgresSecretDependent.PASSWORD_KEY),
        EnvVars.fromSecret("POSTGRES_DB", secret, PostgresSecretDependent.DATABASE_KEY),
        // a sub-directory: the volume root may hold lost+found, which initdb refuses
        EnvVars.plain("PGDATA", DATA_PATH + "/pgdata"));
  }

  private static Volume sharedMemory() {
    return new VolumeBuilder().withName(SHM_VOLUME).withNewEmptyDir().withMedium("Memory")
        .withSizeLimit(new Quantity(SHM_SIZE)).endEmptyDir().build();
  }

  private static Probe pgIsReady(int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewExec().withCommand("sh", "-c", "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"")
        .endExec()
        .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(5)
        .build();
  }
}
