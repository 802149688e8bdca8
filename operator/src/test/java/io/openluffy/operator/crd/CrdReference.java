package io.openluffy.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CRD field reference (operator/docs/crd-reference.md), rendered from the finished CRDs' own schema, so the
 * descriptions, defaults and rules users read are the ones the API server enforces. Written by {@link CrdFinisher}.
 */
final class CrdReference {

  static final String FILE = "crd-reference.md";

  private final StringBuilder out = new StringBuilder();
  private final List<String[]> rules = new ArrayList<>();

  private CrdReference() {
  }

  /** The whole page for these CRDs, in the given order. */
  static String render(List<CustomResourceDefinition> crds, String refresh) {
    var page = new CrdReference();
    page.out.append("# CRD field reference\n\n")
        .append("Generated from the CRDs in `crds/` (their `description`s, defaults and validations, which")
        .append(" come from the operator's `crd` package) by the build step that finishes them (`CrdFinisher`); do")
        .append(" not edit. After a change of the model, refresh the CRDs and this page from the repository root")
        .append(" with\n\n    ").append(refresh).append("\n\n")
        .append("(`CrdReferenceInSyncTest` fails while this page is stale). `kubectl explain oli.spec.backup` shows")
        .append(" the same descriptions from a cluster. A field marked **required** must be set when its parent is;")
        .append(" a default is filled in by the API server when the field is absent. CEL rules are checked by the")
        .append(" API server on every write; a rule using `oldSelf` compares with the stored object, so it applies")
        .append(" to updates only.\n\n");
    crds.forEach(crd -> page.out.append("- [").append(crd.getSpec().getNames().getKind()).append("](#")
        .append(crd.getSpec().getNames().getKind().toLowerCase()).append(")\n"));
    crds.forEach(page::crd);
    return page.out.toString();
  }

  private void crd(CustomResourceDefinition crd) {
    var names = crd.getSpec().getNames();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      out.append("\n## ").append(names.getKind()).append("\n\n`").append(crd.getSpec().getGroup()).append('/')
          .append(version.getName()).append("`, plural `").append(names.getPlural()).append('`');
      if (names.getShortNames() != null && !names.getShortNames().isEmpty()) {
        out.append(", short name ").append(names.getShortNames().stream().map(CrdReference::code)
            .collect(Collectors.joining(", ")));
      }
      out.append(", scope ").append(crd.getSpec().getScope());
      if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
        out.append(", status subresource");
      }
      out.append(". `kubectl get` columns: ").append(version.getAdditionalPrinterColumns().stream()
          .map(CrdReference::column).collect(Collectors.joining(", "))).append(".\n\n")
          .append("| Field | Type | Default | Validation | Description |\n|---|---|---|---|---|\n");
      rules.clear();
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      collectRules("(the resource)", root);
      properties("", root);
      if (!rules.isEmpty()) {
        out.append("\nValidation rules (CEL):\n\n| On | Rule | Message |\n|---|---|---|\n");
        rules.forEach(r -> out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2])
            .append(" |\n"));
      }
    }
  }

  private static String column(CustomResourceColumnDefinition c) {
    return c.getName() + " (`" + c.getJsonPath() + "`)";
  }

  private void properties(String parent, JSONSchemaProps schema) {
    if (schema.getProperties() == null) {
      return;
    }
    List<String> required = Optional.ofNullable(schema.getRequired()).orElse(List.of());
    for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
      field(parent + property.getKey(), property.getValue(), required.contains(property.getKey()));
    }
  }

  private void field(String path, JSONSchemaProps schema, boolean required) {
    out.append("| ").append(code(path)).append(required ? " **required**" : "").append(" | ").append(type(schema))
        .append(" | ").append(schema.getDefault() == null ? "" : code(json(schema.getDefault()))).append(" | ")
        .append(validation(schema)).append(" | ").append(cell(schema.getDescription())).append(" |\n");
    collectRules(code(path), schema);
    properties(path + ".", schema);
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      JSONSchemaProps items = schema.getItems().getSchema();
      collectRules(code(path + "[]"), items);
      properties(path + "[].", items);
    }
  }

  private void collectRules(String on, JSONSchemaProps schema) {
    for (ValidationRule rule : Optional.ofNullable(schema.getXKubernetesValidations()).orElse(List.of())) {
      String where = on + (rule.getFieldPath() == null ? "" : ", reported at " + code(rule.getFieldPath()));
      rules.add(new String[] {where, code(rule.getRule()), cell(rule.getMessage())});
    }
  }

  private static String type(JSONSchemaProps schema) {
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      return "integer or string";
    }
    String type = Optional.ofNullable(schema.getType()).orElse("any");
    if ("array".equals(type) && schema.getItems() != null && schema.getItems().getSchema() != null) {
      return "array of " + type(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      return "map of " + type(schema.getAdditionalProperties().getSchema());
    }
    return Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields()) ? type + " (any fields)" : type;
  }

  private static String validation(JSONSchemaProps schema) {
    List<String> parts = new ArrayList<>();
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      parts.add("one of " + schema.getEnum().stream().map(v -> code(v.asText())).collect(Collectors.joining(", ")));
    }
    Optional.ofNullable(schema.getPattern()).ifPresent(p -> parts.add("pattern " + code(p)));
    Optional.ofNullable(schema.getFormat()).ifPresent(f -> parts.add("format " + f));
    Optional.ofNullable(schema.getMinimum()).ifPresent(m -> parts.add("minimum " + number(m)));
    Optional.ofNullable(schema.getMaximum()).ifPresent(m -> parts.add("maximum " + number(m)));
    Optional.ofNullable(schema.getMinLength()).ifPresent(m -> parts.add("minLength " + m));
    Optional.ofNullable(schema.getMaxLength()).ifPresent(m -> parts.add("maxLength " + m));
    Optional.ofNullable(schema.getMinItems()).ifPresent(m -> parts.add("minItems " + m));
    Optional.ofNullable(schema.getMaxItems()).ifPresent(m -> parts.add("maxItems " + m));
    if (schema.getXKubernetesValidations() != null && !schema.getXKubernetesValidations().isEmpty()) {
      parts.add("CEL rule (below)");
    }
    return String.join("; ", parts);
  }

  private static String number(Double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String json(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  /** Inline code in a table cell: GitHub unescapes {@code \|} inside code spans too. */
  private static String code(String text) {
    return "`" + text.replace("|", "\\|") + "`";
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
