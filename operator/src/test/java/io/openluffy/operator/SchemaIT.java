package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.openluffy.operator.cluster.ChartOperator;
import io.openluffy.operator.cluster.ControlPlane;
import io.openluffy.operator.cluster.ControlPlaneExtension;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart's CRD on the real API server: what its OpenAPI schema and CEL rules refuse at apply time, each refusal
 * naming the field. No operator runs here; the API server alone decides.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  KubernetesClient admin;

  @BeforeAll
  void installTheChart(ControlPlane plane) {
    ChartOperator.install(plane).close();
    admin = plane.admin();
  }

  /** The cases: a spec fragment (YAML flow), and what the API server's refusal must name. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{environment: Prod}                         | spec.environment",
      "{environment: dev_1}                        | spec.environment",
      "{namespace: Openluffy}                      | spec.namespace",
      "{host: 'https://x.example'}                 | spec.host",
      "{version: '-1'}                             | spec.version",
      "{deletionPolicy: Destroy}                   | spec.deletionPolicy",
      "{apiServer: {replicas: 0}}                  | spec.apiServer.replicas",
      "{apiServer: {replicas: 11}}                 | spec.apiServer.replicas",
      "{database: {storage: ten}}                  | spec.database.storage",
      "{backup: {retention: 0}}                    | spec.backup.retention",
      "{backup: {schedule: 'every day'}}           | spec.backup.schedule",
      "{backup: {storage: 20GB}}                   | spec.backup.storage",
      "{networkPolicy: {profile: paranoid}}        | spec.networkPolicy.profile",
      "{ingress: {className: nginx}}               | spec.ingress needs spec.host",
      "{host: a.example, ingress: {className: Nginx}} | spec.ingress.className",
      "{host: a.example, ingress: {tls: {enabled: false, secretName: a-tls}}} | spec.ingress.tls.secretName is set",
      "{host: a.example, ingress: {tls: {secretName: A_tls}}} | spec.ingress.tls.secretName",
      "{networkPolicy: {apiEgress: [{ports: [443]}]}}    | each entry names either cidrs or namespaceSelector",
      "{networkPolicy: {apiEgress: [{cidrs: [10.0.0.0/8], podSelector: {}, ports: [443]}]}} | not both",
      "{networkPolicy: {apiEgress: [{cidrs: [10.0.0.0/8], ports: [0]}]}} | a port is a number from 1 to 65535",
      "{networkPolicy: {apiEgress: [{cidrs: [10.0.0.0/8], ports: [65536]}]}} | a port is a number from 1 to 65535",
      "{networkPolicy: {apiEgress: [{cidrs: [10.0.0.0/8]}]}} | spec.networkPolicy.apiEgress[0].ports",
      "{networkPolicy: {apiEgress: [{cidrs: [10.0.0.0/8], ports: []}]}} | spec.networkPolicy.apiEgress[0].ports",
      "{networkPolicy: {apiEgress: [{cidrs: [], ports: [443]}]}} | spec.networkPolicy.apiEgress[0].cidrs",
  })
  void aSpecBreakingTheSchemaIsRefusedNamingTheField(String spec, String field) {
    try {
      assertThatThrownBy(() -> create("schema-case", spec))
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
          .hasMessageContaining(field);
      assertThat(instance("schema-case").get()).as("nothing stored").isNull();
    } finally {
      // a case the schema wrongly takes must not fail the next ones with "already exists"
      instance("schema-case").delete();
    }
  }

  /** Names longer than a DNS subdomain (253): the pattern alone would take them. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{host: a.example, ingress: {className: %s}}      | spec.ingress.className",
      "{host: a.example, ingress: {tls: {secretName: %s}}} | spec.ingress.tls.secretName",
  })
  void anIngressNameLongerThanADnsSubdomainIsRefused(String spec, String field) {
    try {
      assertThatThrownBy(() -> create("schema-long", spec.formatted("a".repeat(254))))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining(field).hasMessageContaining("253");
    } finally {
      instance("schema-long").delete();
    }
    create("schema-long", spec.formatted("a".repeat(253)));
    instance("schema-long").delete();
  }

  @Test
  void aNameTooLongToRunIsRefused() {
    String name = "a".repeat(OpenLuffyInstance.MAX_NAME_LENGTH + 1);
    assertThatThrownBy(() -> create(name, "{}")).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("metadata.name").hasMessageContaining("at most " + OpenLuffyInstance.MAX_NAME_LENGTH);
    // the longest name that runs is accepted
    String longest = "b".repeat(OpenLuffyInstance.MAX_NAME_LENGTH);
    create(longest, "{}");
    instance(longest).delete();
  }

  @Test
  void theNamespaceCannotChangeNorBeSetLaterToAnotherOne() {
    create("ns-set", "{namespace: team-a}");
    assertThatThrownBy(() -> patch("ns-set", "{namespace: team-b}"))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.namespace is immutable");

    create("ns-unset", "{}");
    assertThatThrownBy(() -> patch("ns-unset", "{namespace: elsewhere}"))
        .as("unset means openluffy-ns-unset: setting another moves the instance")
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.namespace is immutable");
    // writing down the namespace already in use is no move
    patch("ns-unset", "{namespace: openluffy-ns-unset}");
    assertThat(instance("ns-unset").get().getAdditionalProperties().get("spec"))
        .isEqualTo(Map.of("namespace", "openluffy-ns-unset", "environment", "dev", "version", "0.1.0",
            "deletionPolicy", "Retain"));
    instance("ns-set").delete();
    instance("ns-unset").delete();
  }

  @Test
  void aVolumeSizeMayGrowButNeverShrinkComparedAsQuantities() {
    create("sizes", "{database: {storage: 10Gi}, backup: {storage: 20Gi}}");
    assertThatThrownBy(() -> patch("sizes", "{database: {storage: 9Gi}}"))
        .as("9Gi sorts after 10Gi as text: the rule compares quantities")
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.database.storage cannot shrink");
    assertThatThrownBy(() -> patch("sizes", "{backup: {storage: 19Gi}}"))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.backup.storage cannot shrink");
    patch("sizes", "{database: {storage: 10240Mi}, backup: {storage: 25Gi}}");
    patch("sizes", "{database: {storage: 11Gi}}");
    assertThat(instance("sizes").get().getAdditionalProperties().get("spec")).satisfies(spec -> assertThat(
        ((Map<?, ?>) ((Map<?, ?>) spec).get("database")).get("storage")).isEqualTo("11Gi"));
    instance("sizes").delete();
  }

  private void create(String name, String specYaml) {
    var resource = new GenericKubernetesResource();
    resource.setApiVersion(OpenLuffyInstance.GROUP + "/" + OpenLuffyInstance.VERSION);
    resource.setKind("OpenLuffyInstance");
    resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
    resource.setAdditionalProperty("spec", yaml(specYaml));
    admin.resource(resource).create();
  }

  private void patch(String name, String specYaml) {
    var live = instance(name).get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
    spec.putAll(yaml(specYaml));
    admin.resource(live).update();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String flow) {
    try {
      return YAML.readValue(flow, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(flow, e);
    }
  }

  private Resource<GenericKubernetesResource> instance(String name) {
    return admin.genericKubernetesResources(OpenLuffyInstance.GROUP + "/" + OpenLuffyInstance.VERSION,
        "OpenLuffyInstance").withName(name);
  }
}
