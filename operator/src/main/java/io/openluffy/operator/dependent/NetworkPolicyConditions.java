package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** Reconcile preconditions of the NetworkPolicies; when one turns false the policy is deleted. */
public final class NetworkPolicyConditions {

  private NetworkPolicyConditions() {
  }

  /** {@code spec.networkPolicy.enabled}. */
  public static class Enabled extends SpecCondition<NetworkPolicy> {
    public Enabled() {
      super(spec -> spec.networkPolicyEnabled());
    }
  }

  /** Network policies and backups both enabled (the backup pods' policy). */
  public static class EnabledWithBackup extends SpecCondition<NetworkPolicy> {
    public EnabledWithBackup() {
      super(spec -> spec.networkPolicyEnabled() && spec.backupEnabled());
    }
  }
}
