package io.openluffy.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openluffy.operator.config.ClusterDns;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.ApiServerSpec;
import io.openluffy.operator.crd.DatabaseSpec;
import io.openluffy.operator.crd.NetworkPolicySpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import io.openluffy.operator.crd.OpenLuffyInstanceStatus;
import io.openluffy.operator.testing.ObjectStores;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  final SpecValidator validator = new SpecValidator(new OperatorConfig("openluffy-system", false, true, 0));

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
  void ipv6CidrsAreParsedNotOnlyShapeChecked() {
    assertThat(validator.problems(instance("prod", spec -> {
      spec.setNetworkPolicy(new NetworkPolicySpec());
      spec.getNetworkPolicy().setIngressCidrs(List.of("2600:1900::/28", "::/0", "2001:db8::1/128", "2001:db8:::1/64",
          ":::/64", "1:2:3:4:5:6:7:8:9/64", "2001:db8::/129", "10.0.0.0/8"));
    }))).extracting(problem -> problem.substring(0, problem.indexOf(" is not")))
        .containsExactly("spec.networkPolicy.ingressCidrs: '2001:db8:::1/64'",
            "spec.networkPolicy.ingressCidrs: ':::/64'", "spec.networkPolicy.ingressCidrs: '1:2:3:4:5:6:7:8:9/64'",
            "spec.networkPolicy.ingressCidrs: '2001:db8::/129'");
  }

  @Test
  void withAnImageAllowListOnlyThoseImagesRunAndTheDefaultsMustBeListedToo() {
    var restricted = new SpecValidator(new OperatorConfig("openluffy-system", false, true, 0, "openluffy-system",
        List.of("registry.example.com/openluffy/", "registry.example.com/postgres:"), ClusterDns.DEFAULT));
    var allowed = instance("prod", spec -> {
      spec.setApiServer(new ApiServerSpec());
      spec.getApiServer().setImage("registry.example.com/openluffy/api-server:0.1.0");
      spec.setDatabase(new DatabaseSpec());
      spec.getDatabase().setImage("registry.example.com/postgres:15");
    });
    var rogue = instance("prod", spec -> {
      spec.setApiServer(new ApiServerSpec());
      spec.getApiServer().setImage("docker.io/evil/api-server:latest");
      spec.setDatabase(new DatabaseSpec());
      spec.getDatabase().setImage("registry.example.com/postgres:15");
    });

    assertThat(restricted.problems(allowed)).isEmpty();
    assertThat(restricted.problems(rogue)).singleElement().asString()
        .startsWith("spec.apiServer.image: image docker.io/evil/api-server:latest is not allowed")
        .contains("registry.example.com/openluffy/", "allowedImagePrefixes");
    assertThat(restricted.problems(instance("prod", spec -> { }))).as("the default images are not listed")
        .hasSize(2);
    assertThat(validator.problems(rogue)).as("no allow-list: any image").isEmpty();
  }

  /** The rclone image runs in the instance namespace like the others: the allow-list applies to it too. */
  @Test
  void theObjectStoresImageAndCidrsAreChecked() {
    var restricted = new SpecValidator(new OperatorConfig("openluffy-system", false, true, 0, "openluffy-system",
        List.of("openluffy/api-server", "postgres:", "registry.example.com/rclone/"), ClusterDns.DEFAULT));
    assertThat(restricted.problems(instance("prod", ObjectStores::offsite))).singleElement().asString()
        .startsWith("spec.backup.objectStore.image: image rclone/rclone:1.69.1 is not allowed")
        .contains("registry.example.com/rclone/");
    assertThat(restricted.problems(instance("prod", spec -> {
      ObjectStores.offsite(spec);
      spec.getBackup().getObjectStore().setImage("registry.example.com/rclone/rclone:1.69.1");
    }))).isEmpty();

    assertThat(validator.problems(instance("prod", spec -> {
      ObjectStores.offsite(spec);
      spec.getBackup().getObjectStore().setEgressCidrs(List.of("10.0.0.0/8", "minio.storage.svc"));
    }))).singleElement().asString().contains("spec.backup.objectStore.egressCidrs", "minio.storage.svc");
    assertThat(validator.problems(instance("prod", spec -> {
      ObjectStores.offsite(spec);
      spec.getBackup().getObjectStore().setEndpoint("s3.example.com/openluffy");
    }))).singleElement().asString().isEqualTo("spec.backup.objectStore.endpoint: 's3.example.com/openluffy' is not"
        + " http(s)://host[:port]");
    // environment prod: strict by default; without CIDRs the store is out of reach, unless the policies are off
    var unreachable = instance("prod", spec -> {
      spec.setEnvironment("prod");
      ObjectStores.offsite(spec);
      spec.getBackup().getObjectStore().setEgressCidrs(null);
    });
    assertThat(validator.problems(unreachable)).singleElement().asString()
        .startsWith("spec.backup.objectStore.egressCidrs: the strict network-policy profile");
    unreachable.getSpec().setNetworkPolicy(new NetworkPolicySpec());
    unreachable.getSpec().getNetworkPolicy().setEnabled(false);
    assertThat(validator.problems(unreachable)).isEmpty();
  }

  /** The CRD's CEL rule refuses the move at apply time; this holds where the rule is missing (an older CRD). */
  @Test
  void anInstanceIsNotMovedOutOfTheNamespaceItLivesIn() {
    var moved = instance("prod", spec -> spec.setNamespace("elsewhere"));
    var status = new OpenLuffyInstanceStatus();
    status.setNamespace("openluffy-prod");
    moved.setStatus(status);
    assertThat(validator.problems(moved)).singleElement().asString()
        .startsWith("spec.namespace").contains("openluffy-prod", "elsewhere");

    var stays = instance("prod", spec -> spec.setNamespace("openluffy-prod"));
    stays.setStatus(status);
    assertThat(validator.problems(stays)).isEmpty();
  }

  /** The StatefulSet's pods carry controller-revision-hash: <name>-<hash> (a label value, at most 63). */
  @Test
  void theLongestNameLeavesRoomForTheStatefulSetAndCronJobNames() {
    String statefulSet = "openluffy-" + "a".repeat(SpecValidator.MAX_NAME_LENGTH) + "-postgres";
    assertThat(statefulSet.length()).isEqualTo(52);
    assertThat(("openluffy-" + "a".repeat(SpecValidator.MAX_NAME_LENGTH) + "-backup").length()).isLessThanOrEqualTo(52);
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
