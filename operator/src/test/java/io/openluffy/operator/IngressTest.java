package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.openluffy.operator.crd.IngressSpec;
import io.openluffy.operator.crd.IngressTlsSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiIngressDependent;
import io.openluffy.operator.testing.MockCluster;
import io.openluffy.operator.testing.MockClusterTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Ingress as an ingress controller reads it (class, annotations, TLS), and the endpoint status reports. */
class IngressTest extends MockClusterTest {

  @Test
  void aHostAloneKeepsTheIngressItAlwaysHadTlsWithThePrefixSecret() {
    var instance = cluster.createReady(MockCluster.instance("plainhost", spec -> spec.setHost("a.example")));
    Ingress ingress = ingress(instance);
    assertThat(ingress.getSpec().getIngressClassName()).as("the cluster's default class").isNull();
    assertThat(ingress.getMetadata().getAnnotations()).as("only JOSDK's own")
        .allSatisfy((key, value) -> assertThat(key).startsWith("javaoperatorsdk.io/"));
    assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
      assertThat(tls.getHosts()).containsExactly("a.example");
      assertThat(tls.getSecretName()).isEqualTo("openluffy-plainhost-tls");
    });
    assertThat(instance.getStatus().getEndpoint()).isEqualTo("https://a.example");
  }

  @Test
  void classAnnotationsAndANamedSecretReachTheIngress() {
    var instance = cluster.createReady(MockCluster.instance("certmgr", spec -> {
      spec.setHost("b.example");
      spec.setIngress(ingress("nginx", Map.of("cert-manager.io/cluster-issuer", "letsencrypt",
          "nginx.ingress.kubernetes.io/proxy-body-size", "8m"), true, "b-example-cert"));
    }));
    Ingress ingress = ingress(instance);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "8m");
    assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
      assertThat(tls.getHosts()).containsExactly("b.example");
      assertThat(tls.getSecretName()).isEqualTo("b-example-cert");
    });
    assertThat(instance.getStatus().getEndpoint()).isEqualTo("https://b.example");
  }

  @Test
  void tlsSwitchedOffMeansNoTlsSectionAndAnHttpEndpointAndBackOnRestoresBoth() {
    var instance = cluster.createReady(MockCluster.instance("plainhttp", spec -> {
      spec.setHost("c.example");
      spec.setIngress(ingress(null, Map.of(), false, null));
    }));
    assertThat(ingress(instance).getSpec().getTls()).isNullOrEmpty();
    assertThat(instance.getStatus().getEndpoint()).isEqualTo("http://c.example");

    k8s.resources(OpenLuffyInstance.class).withName("plainhttp").edit(i -> {
      i.getSpec().getIngress().getTls().setEnabled(true);
      return i;
    });
    await().atMost(MockCluster.PATIENCE).until(() -> !ingress(instance).getSpec().getTls().isEmpty());
    await().atMost(MockCluster.PATIENCE)
        .until(() -> "https://c.example".equals(cluster.get("plainhttp").getStatus().getEndpoint()));
  }

  private static IngressSpec ingress(String className, Map<String, String> annotations, boolean tls,
      String secretName) {
    var ingress = new IngressSpec();
    ingress.setClassName(className);
    ingress.setAnnotations(annotations);
    var tlsSpec = new IngressTlsSpec();
    tlsSpec.setEnabled(tls);
    tlsSpec.setSecretName(secretName);
    ingress.setTls(tlsSpec);
    return ingress;
  }

  private static Ingress ingress(OpenLuffyInstance instance) {
    return await().atMost(MockCluster.PATIENCE).until(() -> k8s.network().v1().ingresses()
        .inNamespace(instance.targetNamespace()).withName(ApiIngressDependent.name(instance)).get(), i -> i != null);
  }
}
