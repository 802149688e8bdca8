package io.openluffy.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * The permissions a reconciler's declared workflow needs, read from its {@code @Workflow}: every
 * dependent is watched (informer: list, watch) and, by the interfaces it implements, created,
 * updated or deleted, in both modes the operator can run in (server-side apply: patch; without:
 * create and update). The primary resource is watched, its status patched, and its finalizer
 * patched (and the resource re-read on a conflict) when the reconciler cleans up.
 */
final class WorkflowPermissions {

  private WorkflowPermissions() {}

  static Set<Permission> of(Class<? extends Reconciler<?>> reconciler) throws ReflectiveOperationException {
    Set<Permission> needed = new HashSet<>();
    Class<? extends HasMetadata> primary = primaryType(reconciler);
    add(needed, primary, "", "list", "watch");
    add(needed, primary, "/status", "patch");
    if (Cleaner.class.isAssignableFrom(reconciler)) {
      // JOSDK adds and removes its finalizer with a patch, server-side apply or not, and reads the
      // resource again when that patch meets a conflict.
      add(needed, primary, "", "patch", "get");
    }
    for (Dependent dependent : reconciler.getAnnotation(Workflow.class).dependents()) {
      var constructor = dependent.type().getDeclaredConstructor();
      constructor.setAccessible(true);
      DependentResource<?, ?> resource = (DependentResource<?, ?>) constructor.newInstance();
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> type = (Class<? extends HasMetadata>) resource.resourceType();
      add(needed, type, "", "list", "watch");
      if (resource instanceof Creator<?, ?>) {
        add(needed, type, "", "create", "patch");
      }
      if (resource instanceof Updater<?, ?>) {
        add(needed, type, "", "update", "patch");
      }
      if (resource instanceof Deleter<?>) {
        // Deleted by the workflow when its reconcile precondition stops holding.
        add(needed, type, "", "delete");
      }
    }
    return needed;
  }

  @SuppressWarnings("unchecked")
  static Class<? extends HasMetadata> primaryType(Class<?> reconciler) {
    for (Type type : reconciler.getGenericInterfaces()) {
      if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Reconciler.class) {
        return (Class<? extends HasMetadata>) parameterized.getActualTypeArguments()[0];
      }
    }
    throw new IllegalArgumentException(reconciler + " does not implement Reconciler<P> directly");
  }

  private static void add(Set<Permission> needed, Class<? extends HasMetadata> type, String sub, String... verbs) {
    for (String verb : verbs) {
      needed.add(new Permission(HasMetadata.getGroup(type), HasMetadata.getPlural(type) + sub, verb));
    }
  }
}
