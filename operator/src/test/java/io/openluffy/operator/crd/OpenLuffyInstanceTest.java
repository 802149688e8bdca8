package io.openluffy.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class OpenLuffyInstanceTest {

  /** JOSDK applies such an object to add its finalizer: any field in it would be applied over the user's spec. */
  @Test
  void aNewInstanceSerialisesWithoutSpec() {
    var instance = new OpenLuffyInstance();
    instance.setMetadata(new ObjectMetaBuilder().withName("prod").addToFinalizers("x").build());

    assertThat(Serialization.asJson(instance)).doesNotContain("\"spec\"").doesNotContain("status");
  }

  @Test
  void anEmptySpecSerialisesEmptyAndReadsAsTheDefaults() {
    var spec = new OpenLuffyInstanceSpec();

    assertThat(Serialization.asJson(spec)).isEqualTo("{}");
    assertThat(spec.environment()).isEqualTo("dev");
    assertThat(spec.apiServer().image()).isEqualTo("openluffy/api-server");
    assertThat(spec.apiServer().replicas()).isEqualTo(1);
    assertThat(spec.database().storage()).isEqualTo("10Gi");
    assertThat(spec.backup().retention()).isEqualTo(7);
  }
}
