package io.openluffy.operator.reconciler;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.openluffy.operator.config.Cidrs;
import io.openluffy.operator.config.OperatorConfig;
import io.openluffy.operator.crd.NetworkPolicyProfile;
import io.openluffy.operator.crd.ObjectStoreSpec;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the CRD schema accepts but cannot work: checked before anything is created, so a bad spec leaves no
 * partial objects. Each message names the field.
 */
public final class SpecValidator {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern ENDPOINT = Pattern.compile(ObjectStoreSpec.ENDPOINT);
  private static final Set<String> RESERVED_NAMESPACES = Set.of("default", "kube-system", "kube-public",
      "kube-node-lease");
  static final int MAX_NAME_LENGTH = OpenLuffyInstance.MAX_NAME_LENGTH;

  private final String operatorNamespace;
  private final List<String> allowedImagePrefixes;

  public SpecValidator(OperatorConfig config) {
    this.operatorNamespace = config.namespace();
    this.allowedImagePrefixes = config.allowedImagePrefixes();
  }

  /** Problems found, each starting with the field; empty when the spec can be reconciled. */
  public List<String> problems(OpenLuffyInstance instance) {
    List<String> problems = new ArrayList<>();
    String name = instance.getMetadata().getName();
    if (!DNS_LABEL.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
      problems.add("metadata.name: must be a DNS label of at most " + MAX_NAME_LENGTH
          + " characters, as it prefixes the names of the instance's objects");
    }
    String namespace = instance.targetNamespace();
    String inUse = instance.getStatus() == null ? null : instance.getStatus().getNamespace();
    if (inUse != null && !inUse.equals(namespace)) {
      problems.add("spec.namespace: the instance lives in namespace " + inUse + " (status.namespace); moving it to "
          + namespace + " is refused, as its data would stay behind. Set spec.namespace back to " + inUse
          + ", or create a new instance");
    } else if (RESERVED_NAMESPACES.contains(namespace) || namespace.startsWith("kube-")
        || namespace.equals(operatorNamespace)) {
      problems.add("spec.namespace: '" + namespace + "' is reserved; an instance needs a namespace of its own");
    } else if (instance.spec().getNamespace() == null && namespace.length() > 63) {
      problems.add("spec.namespace: the default namespace " + namespace + " is longer than 63 characters");
    }
    var spec = instance.spec();
    checkImage("spec.apiServer.image", spec.apiServer().image(), problems);
    checkImage("spec.database.image", spec.database().image(), problems);
    checkResources("spec.apiServer.resources", spec.apiServer().getResources(), problems);
    checkResources("spec.database.resources", spec.database().getResources(), problems);
    checkResources("spec.backup.resources", spec.backup().getResources(), problems);
    var policy = spec.networkPolicy();
    checkCidrs("spec.networkPolicy.ingressCidrs", policy.ingressCidrs(), problems);
    checkCidrs("spec.networkPolicy.apiEgressCidrs", policy.apiEgressCidrs(), problems);
    for (int i = 0; i < policy.apiEgress().size(); i++) {
      checkCidrs("spec.networkPolicy.apiEgress[" + i + "].cidrs", policy.apiEgress().get(i).cidrs(), problems);
    }
    spec.backup().objectStore().ifPresent(store -> checkObjectStore(instance, store, problems));
    return problems;
  }

  /** The store's image is allowed, and the strict profile (egress denied) lets the backup pods reach it. */
  private void checkObjectStore(OpenLuffyInstance instance, ObjectStoreSpec store, List<String> problems) {
    checkImage("spec.backup.objectStore.image", store.image(), problems);
    checkCidrs("spec.backup.objectStore.egressCidrs", store.egressCidrs(), problems);
    // the CRD's pattern, for an older CRD without it: the egress port is read from the endpoint
    if (store.getEndpoint() == null || !ENDPOINT.matcher(store.getEndpoint()).matches()) {
      problems.add("spec.backup.objectStore.endpoint: '" + store.getEndpoint() + "' is not http(s)://host[:port]");
      return;
    }
    var spec = instance.spec();
    if (store.egressCidrs().isEmpty() && spec.networkPolicyEnabled()
        && spec.effectiveNetworkPolicyProfile() == NetworkPolicyProfile.STRICT) {
      problems.add("spec.backup.objectStore.egressCidrs: the strict network-policy profile denies the backup pods"
          + " any egress but DNS and PostgreSQL; list the CIDRs of " + store.getEndpoint() + " (its port "
          + store.port() + " is opened to them), or use spec.networkPolicy.profile: standard");
    }
  }

  /** The API server would refuse the NetworkPolicy: say which field, before anything is applied. */
  private static void checkCidrs(String field, List<String> cidrs, List<String> problems) {
    cidrs.stream().filter(cidr -> !Cidrs.isValid(cidr)).forEach(cidr -> problems.add(field + ": '" + cidr
        + "' is not a CIDR (an address with a prefix length, e.g. 35.191.0.0/16 or 2600:1900::/28)"));
  }

  /** The operator's optional allow-list: whoever creates an instance must not run any image they like in it. */
  private void checkImage(String field, String image, List<String> problems) {
    if (!allowedImagePrefixes.isEmpty() && allowedImagePrefixes.stream().noneMatch(image::startsWith)) {
      problems.add(field + ": image " + image + " is not allowed by the operator; it accepts images starting with "
          + String.join(", ", allowedImagePrefixes) + " (chart value allowedImagePrefixes)");
    }
  }

  private static void checkResources(String field, ResourceRequirements resources, List<String> problems) {
    if (resources == null || resources.getRequests() == null || resources.getLimits() == null) {
      return;
    }
    for (Map.Entry<String, Quantity> request : resources.getRequests().entrySet()) {
      Quantity limit = resources.getLimits().get(request.getKey());
      if (limit != null && request.getValue().compareTo(limit) > 0) {
        problems.add(field + ".requests." + request.getKey() + ": " + request.getValue()
            + " exceeds the limit " + limit);
      }
    }
  }
}
