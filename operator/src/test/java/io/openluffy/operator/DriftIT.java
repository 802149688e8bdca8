package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.openluffy.operator.cluster.AuditLog;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiDeploymentDependent;
import io.openluffy.operator.dependent.ApiIngressDependent;
import io.openluffy.operator.dependent.ApiNetworkPolicyDependent;
import io.openluffy.operator.dependent.ApiServiceDependent;
import io.openluffy.operator.dependent.BackupCronJobDependent;
import io.openluffy.operator.dependent.BackupNetworkPolicyDependent;
import io.openluffy.operator.dependent.DefaultDenyNetworkPolicyDependent;
import io.openluffy.operator.dependent.PostgresNetworkPolicyDependent;
import io.openluffy.operator.dependent.PostgresServiceDependent;
import io.openluffy.operator.dependent.PostgresStatefulSetDependent;
import io.openluffy.operator.testing.MockCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Drift under server-side apply: objects deleted or edited by others, with the built-in controllers running. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftIT extends OperatorOnControlPlane {

  static final String NAME = "drift";

  OpenLuffyInstance instance;

  @BeforeAll
  void bringUpAnInstance() {
    instance = admin.resource(MockCluster.instance(NAME, spec -> spec.setHost("drift.example"))).create();
    Instances.awaitReady(admin, NAME);
  }

  @AfterAll
  void deleteTheInstance() {
    admin.resources(OpenLuffyInstance.class).withName(NAME).delete();
    await().atMost(Instances.PATIENCE).until(() -> Instances.get(admin, NAME) == null);
  }

  /**
   * Every kind the operator keeps in shape. Not the generated Secrets: one deleted while the instance's data exists
   * is deliberately not regenerated (GeneratedSecretsIT).
   */
  Map<String, Resource<? extends HasMetadata>> managed() {
    String ns = instance.targetNamespace();
    Map<String, Resource<? extends HasMetadata>> kinds = new LinkedHashMap<>();
    kinds.put("Namespace", admin.namespaces().withName(ns));
    kinds.put("StatefulSet", admin.apps().statefulSets().inNamespace(ns)
        .withName(PostgresStatefulSetDependent.name(instance)));
    kinds.put("Service postgres", admin.services().inNamespace(ns).withName(PostgresServiceDependent.name(instance)));
    kinds.put("Deployment", admin.apps().deployments().inNamespace(ns).withName(ApiDeploymentDependent.name(instance)));
    kinds.put("Service api", admin.services().inNamespace(ns).withName(ApiServiceDependent.name(instance)));
    kinds.put("Ingress", admin.network().v1().ingresses().inNamespace(ns).withName(ApiIngressDependent.name(instance)));
    kinds.put("CronJob", admin.batch().v1().cronjobs().inNamespace(ns).withName(BackupCronJobDependent.name(instance)));
    Function<String, Resource<? extends HasMetadata>> policy =
        name -> admin.network().v1().networkPolicies().inNamespace(ns).withName(name);
    kinds.put("NetworkPolicy default-deny", policy.apply(DefaultDenyNetworkPolicyDependent.name(instance)));
    kinds.put("NetworkPolicy api", policy.apply(ApiNetworkPolicyDependent.name(instance)));
    kinds.put("NetworkPolicy postgres", policy.apply(PostgresNetworkPolicyDependent.name(instance)));
    kinds.put("NetworkPolicy backup", policy.apply(BackupNetworkPolicyDependent.name(instance)));
    return kinds;
  }

  @Test
  @Order(1)
  void eachManagedKindDeletedComesBack() {
    managed().forEach((kind, resource) -> {
      if (kind.equals("Namespace")) {
        return; // deleting it takes everything with it; the Delete policy test covers the namespace's end
      }
      String uid = resource.get().getMetadata().getUid();
      resource.withGracePeriod(0).delete();
      await(kind + " re-created").atMost(Instances.PATIENCE).until(() -> {
        HasMetadata now = resource.get();
        return now != null && !uid.equals(now.getMetadata().getUid()) && now.getMetadata().getDeletionTimestamp() == null;
      });
    });
    Instances.awaitReady(admin, NAME);
  }

  @Test
  @Order(2)
  void aFieldTheOperatorOwnsIsRestoredAndOneItDoesNotIsLeftAlone() throws Exception {
    String ns = instance.targetNamespace();
    String deployment = ApiDeploymentDependent.name(instance);
    plane.kubectl("-n", ns, "scale", "deployment", deployment, "--replicas=4");
    plane.kubectl("-n", ns, "annotate", "deployment", deployment, "example.com/owner=team-a");
    await("replicas restored to the spec's").atMost(Instances.PATIENCE).until(() ->
        admin.apps().deployments().inNamespace(ns).withName(deployment).get().getSpec().getReplicas() == 1);
    assertThat(admin.apps().deployments().inNamespace(ns).withName(deployment).get().getMetadata().getAnnotations())
        .as("another manager's annotation stays").containsEntry("example.com/owner", "team-a");
  }

  /** After the re-creations and edits above: a loop (operator applies, a controller answers, ...) would show here. */
  @Test
  @Order(3)
  void noWriteLoopFormsWithTheBuiltInControllers() {
    Instances.awaitReady(admin, NAME);
    long mark = plane.audit().mark();
    await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).until(() -> true);
    List<AuditLog.Request> writes = plane.audit().since(mark, ChartOperator.USER).stream()
        .filter(AuditLog.Request::isWrite).toList();
    assertThat(writes).as("operator writes over 20 s of a Ready instance").isEmpty();
  }
}
