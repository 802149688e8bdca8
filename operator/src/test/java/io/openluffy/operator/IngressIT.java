package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.openluffy.operator.cluster.Instances;
import io.openluffy.operator.cluster.OperatorOnControlPlane;
import io.openluffy.operator.crd.IngressSpec;
import io.openluffy.operator.crd.IngressTlsSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.dependent.ApiIngressDependent;
import io.openluffy.operator.testing.MockCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Ingress under server-side apply on a real API server: what leaves spec.ingress (an annotation, the TLS section)
 * leaves the Ingress, which the mock, without SSA, cannot show.
 */
class IngressIT extends OperatorOnControlPlane {

  @Test
  void whatLeavesSpecIngressLeavesTheIngress() {
    var instance = admin.resource(MockCluster.instance("ingress", spec -> {
      spec.setHost("ingress.example");
      spec.setIngress(new IngressSpec());
      spec.getIngress().setClassName("nginx");
      spec.getIngress().setAnnotations(Map.of("cert-manager.io/cluster-issuer", "letsencrypt",
          "nginx.ingress.kubernetes.io/proxy-body-size", "8m"));
    })).create();
    await("Ingress with both annotations").atMost(Instances.PATIENCE).until(() -> ingress(instance) != null
        && ingress(instance).getMetadata().getAnnotations().containsKey("nginx.ingress.kubernetes.io/proxy-body-size"));
    assertThat(ingress(instance).getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress(instance).getSpec().getTls()).singleElement()
        .satisfies(tls -> assertThat(tls.getSecretName()).isEqualTo("openluffy-ingress-tls"));

    admin.resources(OpenLuffyInstance.class).withName("ingress").edit(i -> {
      i.getSpec().getIngress().setAnnotations(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"));
      i.getSpec().getIngress().setTls(new IngressTlsSpec());
      i.getSpec().getIngress().getTls().setEnabled(false);
      return i;
    });
    await("annotation and TLS gone").atMost(Instances.PATIENCE).until(() -> {
      Ingress ingress = ingress(instance);
      return !ingress.getMetadata().getAnnotations().containsKey("nginx.ingress.kubernetes.io/proxy-body-size")
          && ingress.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer")
          && (ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty());
    });
    await("http endpoint").atMost(Instances.PATIENCE)
        .until(() -> "http://ingress.example".equals(Instances.get(admin, "ingress").getStatus().getEndpoint()));
    admin.resources(OpenLuffyInstance.class).withName("ingress").delete();
  }

  private Ingress ingress(OpenLuffyInstance instance) {
    return admin.network().v1().ingresses().inNamespace(instance.targetNamespace())
        .withName(ApiIngressDependent.name(instance)).get();
  }
}
