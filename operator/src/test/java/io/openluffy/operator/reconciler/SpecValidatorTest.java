package io.openluffy.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  final SpecValidator validator = new SpecValidator("openluffy-system");

  @Test
  void defaultsAreValid() {
    assertThat(validator.problems(instance("prod", spec -> { }))).isEmpty();
  }

  @Test
  void reservedNamespacesAreRefused() {
    for (String ns : List.of("default", "kube-system", "openluffy-system")) {
      assertThat(validator.problems(instance("prod", spec -> spec.setNamespace(ns))))
          .singleElement().asString().startsWith("spec.namespace");
    }
  }

  @Test
  void malformedCidrIsNamed() {
    assertThat(validator.problems(instance("prod",
        spec -> {
          spec.setNetworkPolicy(new NetworkPolicySpec());
          spec.getNetworkPolicy().setApiEgressCidrs(List.of("10.0.0.0/8", "github.com"));
        })))
        .singleElement().asString().contains("spec.networkPolicy.apiEgressCidrs", "github.com");
  }

  @Test
  void namesThatWouldOverflowObjectNamesAreRefused() {
    assertThat(validator.problems(instance("a".repeat(SpecValidator.MAX_NAME_LENGTH), spec -> { }))).isEmpty();
    assertThat(validator.problems(instance("a".repeat(SpecValidator.MAX_NAME_LENGTH + 1), spec -> { })))
        .singleElement().asString().startsWith("metadata.name");
  }

  private static OpenLuffyInstance instance(String name, Consumer<OpenLuffyInstanceSpec> customizer) {
    var instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName(name).build());
    var spec = new OpenLuffyInstanceSpec();
    customizer.accept(spec);
    instance.setSpec(spec);
    return instance;
  }
}
