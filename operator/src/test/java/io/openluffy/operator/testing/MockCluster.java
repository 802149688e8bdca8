package io.openluffy.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openluffy.operator.OpenLuffyOperator;
import io.openluffy.operator.bootstrap.ApiServerLocator;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.AdminSecretRef;
import io.openluffy.operator.crd.BootstrapSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A fabric8 mock API server in CRUD mode with the generated CRD loaded and the real operator running against it.
 * Tests play kubelet and controller-manager through {@link #markDatabaseReady} and {@link #markApiServerAvailable}.
 * One per test class: JOSDK start-up is the slow part.
 */
public final class MockCluster implements AutoCloseable {

  public static final String OPERATOR_NAMESPACE = "openluffy-system";
  /** Upper bound for the operator to react; generous because the build machine is shared, never a timing check. */
  public static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ApiServerLocator apiServers;
  private OpenLuffyOperator operator;

  private MockCluster(ApiServerLocator apiServers) {
    this.apiServers = apiServers;
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    var expectations = new HashMap<ServerRequest, Queue<ServerResponse>>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
        new KubernetesMixedDispatcher(expectations), false);
    server.init();
    // CRUD for everything else; JOSDK's check of its Lease permissions (leader election) gets what the API server
    // answers for the Helm chart's leader-election Role.
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(HttpURLConnection.HTTP_CREATED, new SelfSubjectRulesReviewBuilder()
            .withNewStatus().withIncomplete(false).addNewResourceRule()
            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update", "patch")
            .endResourceRule().endStatus().build())
        .always();
    client = server.createClient();
    installCrds(client);
  }

  /**
   * Every CRD the operator watches, as generated (with them the mock serves status subresources): without one, its
   * informer fails to start and JOSDK exits the JVM.
   */
  public static void installCrds(KubernetesClient client) {
    for (String plural : List.of("openluffyinstances", "openluffybackups", "openluffyrestores")) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(MockCluster.class.getResourceAsStream("/META-INF/fabric8/" + plural + ".openluffy.io-v1.yml"))
          .create();
    }
  }

  /** Starts the mock server and the operator; API servers are never reached (in-cluster URLs). */
  public static MockCluster start() {
    return start(OpenLuffyOperator.inClusterApiServers());
  }

  /** Starts the mock server and the operator, which reaches the instances' API servers through {@code apiServers}. */
  public static MockCluster start(ApiServerLocator apiServers) {
    var cluster = new MockCluster(apiServers);
    cluster.operator = cluster.newOperator().start();
    return cluster;
  }

  /** Only the mock server: the test starts its operators itself ({@link #replica}). */
  public static MockCluster withoutOperator() {
    return new MockCluster(OpenLuffyOperator.inClusterApiServers());
  }

  /** A replica with leader election on, as the Helm chart runs it with several replicas; not started. */
  public OpenLuffyOperator replica(String identity, MeterRegistry registry) {
    return OpenLuffyOperator.create(client, new OperatorConfig(OPERATOR_NAMESPACE, true, false, 0), registry,
        apiServers, new OpenLuffyOperator.Candidate(identity, false));
  }

  /** Stops the operator and starts a new one (a pod restart): nothing survives in memory, the cluster stays. */
  public void restartOperator() {
    operator.close();
    operator = newOperator().start();
  }

  private OpenLuffyOperator newOperator() {
    return OpenLuffyOperator.create(client, new OperatorConfig(OPERATOR_NAMESPACE, false, false, 0), registry,
        apiServers);
  }

  public KubernetesClient client() {
    return client;
  }

  public OpenLuffyOperator operator() {
    return operator;
  }

  public SimpleMeterRegistry registry() {
    return registry;
  }

  public static OpenLuffyInstance instance(String name, Consumer<OpenLuffyInstanceSpec> customizer) {
    var instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName(name).build());
    var spec = new OpenLuffyInstanceSpec();
    customizer.accept(spec);
    instance.setSpec(spec);
    return instance;
  }

  /** A {@code spec.bootstrap} that creates the first admin from Secret {@code namespace/name}. */
  public static BootstrapSpec adminSecret(String namespace, String name) {
    var ref = new AdminSecretRef();
    ref.setName(name);
    ref.setNamespace(namespace);
    var bootstrap = new BootstrapSpec();
    bootstrap.setAdminSecretRef(ref);
    return bootstrap;
  }

  public OpenLuffyInstance create(OpenLuffyInstance instance) {
    return client.resource(instance).create();
  }

  public OpenLuffyInstance get(String name) {
    return client.resources(OpenLuffyInstance.class).withName(name).get();
  }

  /** Plays kubelet: the PostgreSQL pod is running and ready. */
  public void markDatabaseReady(OpenLuffyInstance instance) {
    var sts = await().atMost(PATIENCE).until(() -> client.apps().statefulSets()
        .inNamespace(instance.targetNamespace()).withName(PostgresStatefulSetDependent.name(instance)).get(),
        s -> s != null);
    sts.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
        .withCurrentReplicas(1).build());
    client.resource(sts).updateStatus();
  }

  /** Plays the deployment controller: an API server replica is available. */
  public void markApiServerAvailable(OpenLuffyInstance instance) {
    var deployment = await().atMost(PATIENCE).until(() -> client.apps().deployments()
        .inNamespace(instance.targetNamespace()).withName(ApiDeploymentDependent.name(instance)).get(),
        d -> d != null);
    deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
        .withUpdatedReplicas(1).withObservedGeneration(deployment.getMetadata().getGeneration()).build());
    client.resource(deployment).updateStatus();
  }

  /**
   * Plays the garbage collector after an owner is gone: deletes every object (namespaces included) that has an
   * ownerReference to {@code ownerUid}. Returns what it deleted as Kind/name.
   */
  public List<String> collectGarbage(String ownerUid) {
    List<HasMetadata> candidates = new ArrayList<>(client.namespaces().list().getItems());
    candidates.addAll(client.secrets().inAnyNamespace().list().getItems());
    candidates.addAll(client.persistentVolumeClaims().inAnyNamespace().list().getItems());
    candidates.addAll(client.services().inAnyNamespace().list().getItems());
    candidates.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    candidates.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    candidates.addAll(client.network().v1().ingresses().inAnyNamespace().list().getItems());
    candidates.addAll(client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
    candidates.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    List<String> deleted = new ArrayList<>();
    for (HasMetadata object : candidates) {
      if (object.getMetadata().getOwnerReferences().stream().anyMatch(ref -> ownerUid.equals(ref.getUid()))) {
        client.resource(object).delete();
        deleted.add(object.getKind() + "/" + object.getMetadata().getName());
      }
    }
    return deleted;
  }

  /** Creates the instance and plays kubelet until it reports Ready. */
  public OpenLuffyInstance createReady(OpenLuffyInstance instance) {
    create(instance);
    markDatabaseReady(instance);
    markApiServerAvailable(instance);
    return awaitCondition(instance.getMetadata().getName(), "Ready", "True");
  }

  public OpenLuffyInstance awaitCondition(String name, String type, String status) {
    return await().atMost(PATIENCE).until(() -> get(name),
        i -> i != null && i.getStatus() != null && i.getStatus().condition(type)
            .map(c -> status.equals(c.getStatus())).orElse(false));
  }

  /** Number of reconciles finished so far (JOSDK's own Micrometer counter). */
  public double reconciliations() {
    return reconciliations(registry);
  }

  public static double reconciliations(MeterRegistry registry) {
    return registry.find("operator.sdk.reconciliations.success").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  /** Drains the mock server's request log and returns the writes (POST/PUT/PATCH/DELETE) in it. */
  public List<String> drainWrites() {
    List<String> writes = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        if (WRITES.contains(request.getMethod())) {
          writes.add(request.getMethod() + " " + request.getPath());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return writes;
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    client.close();
    server.destroy();
  }
}
