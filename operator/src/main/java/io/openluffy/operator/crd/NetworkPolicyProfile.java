package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How tightly NetworkPolicies fence the instance namespace. */
public enum NetworkPolicyProfile {
  @JsonProperty("standard")
  STANDARD,
  @JsonProperty("strict")
  STRICT
}
