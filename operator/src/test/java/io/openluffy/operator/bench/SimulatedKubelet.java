package io.openluffy.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Plays kubelet and controller-manager for the benchmark: every StatefulSet and Deployment is marked ready as soon as
 * it appears. Marks are written from a small pool, as a real cluster's nodes would in parallel.
 */
final class SimulatedKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final List<SharedIndexInformer<?>> informers;

  private SimulatedKubelet(KubernetesClient client) {
    this.client = client;
    this.informers = List.of(
        client.apps().statefulSets().inAnyNamespace().inform(onUnready(
            s -> s.getStatus() == null || s.getStatus().getReadyReplicas() == null, this::markReady)),
        client.apps().deployments().inAnyNamespace().inform(onUnready(
            d -> d.getStatus() == null || d.getStatus().getAvailableReplicas() == null, this::markAvailable)));
  }

  static SimulatedKubelet start(KubernetesClient client) {
    return new SimulatedKubelet(client);
  }

  private <T extends HasMetadata> ResourceEventHandler<T> onUnready(Predicate<T> unready, Consumer<T> mark) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        if (unready.test(obj)) {
          pool.execute(() -> mark.accept(obj));
        }
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onAdd(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        // nothing runs any more
      }
    };
  }

  private void markReady(StatefulSet sts) {
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    // a copy: the informer's cached object must not change under it
    writeStatus(new StatefulSetBuilder(sts).withStatus(new StatefulSetStatusBuilder().withReplicas(replicas)
        .withReadyReplicas(replicas).withAvailableReplicas(replicas).withCurrentReplicas(replicas)
        .withUpdatedReplicas(replicas).withObservedGeneration(sts.getMetadata().getGeneration()).build()).build());
  }

  private void markAvailable(Deployment deployment) {
    int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    writeStatus(new DeploymentBuilder(deployment).withStatus(new DeploymentStatusBuilder().withReplicas(replicas)
        .withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
        .withObservedGeneration(deployment.getMetadata().getGeneration()).build()).build());
  }

  /**
   * What a real cluster does all the time: a status write that changes nothing the operator reads (here the
   * Deployment's Progressing condition's lastUpdateTime). Each one is an event that reconciles the instance, so this
   * forces a reconcile of every instance in the running operator. Returns how many Deployments were touched.
   */
  int heartbeat(Predicate<Deployment> which) {
    String now = Instant.now().toString();
    var deployments = client.apps().deployments().inAnyNamespace().list().getItems().stream().filter(which).toList();
    deployments.forEach(d -> writeStatus(new DeploymentBuilder(d).editStatus().withConditions(
        new DeploymentConditionBuilder().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
            .withLastUpdateTime(now).withLastTransitionTime(now).build()).endStatus().build()));
    return deployments.size();
  }

  /** A conflict means the object changed meanwhile: its update event comes next and is marked then. */
  private void writeStatus(HasMetadata workload) {
    try {
      client.resource(workload).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    pool.shutdownNow();
  }
}
