package io.openluffy.operator.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.function.Supplier;

/**
 * Writes a run's status only when it changed. Under server-side apply the patch carries only the name, namespace
 * and status (the fields the operator owns); on the mock server (no SSA) the status goes on the resource as read.
 */
final class RunStatusWriter<R extends CustomResource<?, S>, S> {

  private final Supplier<R> blank;
  private final boolean serverSideApply;

  RunStatusWriter(Supplier<R> blank, boolean serverSideApply) {
    this.blank = blank;
    this.serverSideApply = serverSideApply;
  }

  UpdateControl<R> control(R run, S status) {
    if (status.equals(run.getStatus())) {
      return UpdateControl.noUpdate();
    }
    if (!serverSideApply) {
      run.setStatus(status);
      return UpdateControl.patchStatus(run);
    }
    R applied = blank.get();
    applied.setMetadata(new ObjectMetaBuilder().withName(run.getMetadata().getName())
        .withNamespace(run.getMetadata().getNamespace()).build());
    applied.setStatus(status);
    return UpdateControl.patchStatus(applied);
  }
}
