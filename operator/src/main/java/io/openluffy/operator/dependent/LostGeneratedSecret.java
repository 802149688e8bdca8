package io.openluffy.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;
import java.util.Optional;

/**
 * A generated Secret (or data-bound keys of it) found missing while the instance's data exists, which the operator
 * therefore did not generate. Recorded by the Secret's dependent during the workflow, reported by the status.
 *
 * @param secret the Secret's name
 * @param whole whether the whole Secret is missing, rather than only {@code keys}
 * @param keys the data-bound keys missing
 * @param claim the database claim whose existence shows the data exists
 * @param because what a new value would break
 */
public record LostGeneratedSecret(String secret, boolean whole, List<String> keys, String claim, String because) {

  private static final String KEY = LostGeneratedSecret.class.getName() + "/";

  static void record(Context<OpenLuffyInstance> context, LostGeneratedSecret lost) {
    context.managedWorkflowAndDependentResourceContext().put(KEY + lost.secret(), lost);
  }

  /** What the workflow just run recorded for this Secret. */
  public static Optional<LostGeneratedSecret> of(Context<OpenLuffyInstance> context, String secret) {
    return context.managedWorkflowAndDependentResourceContext().get(KEY + secret, LostGeneratedSecret.class);
  }
}
