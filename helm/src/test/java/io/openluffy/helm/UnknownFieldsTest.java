package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

  @Test
  void reportsAMisspeltFieldDeepInAPodTemplate() {
    var deployment = Manifests.typed(Manifests.documents("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: openluffy/api-server:0.1.0
                  readinessprobe: {httpGet: {path: /readyz, port: 8080}}
        """)).get(0);

    assertThat(UnknownFields.in(deployment)).containsExactly(".Spec.Template.Spec.Containers[0].readinessprobe");
  }

  @Test
  void reportsNothingForAWellFormedObject() {
    var service = Manifests.typed(Manifests.documents("""
        apiVersion: v1
        kind: Service
        metadata: {name: api, labels: {app: api}}
        spec: {ports: [{port: 8080, targetPort: http}]}
        """)).get(0);

    assertThat(UnknownFields.in(service)).isEmpty();
  }
}
