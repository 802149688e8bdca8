package io.openluffy.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One RBAC permission: a verb on a resource (or sub-resource, e.g. "openluffyinstances/status") of an API group. */
record Permission(String group, String resource, String verb) {

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }

  /** Everything a rule grants, one permission per group, resource and verb. */
  static Set<Permission> grantedBy(List<PolicyRule> rules) {
    return rules.stream().flatMap(rule -> rule.getApiGroups().stream().flatMap(group ->
            rule.getResources().stream().flatMap(resource ->
                rule.getVerbs().stream().map(verb -> new Permission(group, resource, verb)))))
        .collect(Collectors.toSet());
  }

  /**
   * The permission a request to the Kubernetes API needs, from its method and path, e.g.
   * {@code PATCH /apis/apps/v1/namespaces/x/deployments/api} or {@code GET /api/v1/secrets?watch=true}.
   */
  static Optional<Permission> of(String method, String pathAndQuery) {
    String[] pathQuery = pathAndQuery.split("\\?", 2);
    String query = pathQuery.length > 1 ? pathQuery[1] : "";
    List<String> segments = List.of(pathQuery[0].replaceFirst("^/", "").split("/"));
    boolean core = segments.get(0).equals("api");
    if (!core && !segments.get(0).equals("apis") || segments.size() < (core ? 3 : 4)) {
      // Discovery and /version: non-resource URLs every authenticated client may read.
      return Optional.empty();
    }
    String group = core ? "" : segments.get(1);
    List<String> rest = segments.subList(core ? 2 : 3, segments.size());
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    boolean named = rest.size() > 1;
    String verb = switch (method) {
      case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("unexpected method " + method + " " + pathAndQuery);
    };
    return Optional.of(new Permission(group, resource, verb));
  }
}
