package io.openluffy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.nio.file.Path;
import java.util.List;

/**
 * The OpenAPI v3 schema of one version of a CRD, validating objects the way the Kubernetes API
 * server would: types, enums, patterns, minimums, required fields, and unknown fields refused
 * (the API server would silently prune them; kubectl --validate=strict refuses them). CEL rules
 * (x-kubernetes-validations) are not evaluated here.
 */
final class CrdSchema {

  private final JsonSchema schema;

  private CrdSchema(JsonSchema schema) {
    this.schema = schema;
  }

  static CrdSchema of(Path crdFile, String version) {
    JsonNode crd = Manifests.documents(crdFile).get(0);
    JsonNode openApi = null;
    for (JsonNode served : crd.path("spec").path("versions")) {
      if (served.path("name").asText().equals(version)) {
        openApi = served.path("schema").path("openAPIV3Schema").deepCopy();
      }
    }
    if (openApi == null || openApi.isMissingNode()) {
      throw new IllegalArgumentException(crdFile + " has no openAPIV3Schema for version " + version);
    }
    // The API server handles these itself; generated CRD schemas often leave them out.
    ObjectNode root = ((ObjectNode) openApi).withObject("/properties");
    root.putIfAbsent("apiVersion", Manifests.YAML.createObjectNode().put("type", "string"));
    root.putIfAbsent("kind", Manifests.YAML.createObjectNode().put("type", "string"));
    root.putIfAbsent("metadata", Manifests.YAML.createObjectNode().put("type", "object"));
    closeObjects(openApi);
    JsonMetaSchema openApi30 = OpenApi30.getInstance();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
        builder -> builder.metaSchema(openApi30).defaultMetaSchemaIri(openApi30.getIri()));
    return new CrdSchema(factory.getSchema(openApi));
  }

  /** Validation errors, each naming the offending field; empty when the object is valid. */
  List<String> errors(JsonNode object) {
    return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /** Structural schemas prune fields they do not list; here such fields are errors instead. */
  private static void closeObjects(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties") && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.properties().forEach(entry -> closeObjects(entry.getValue()));
    } else if (node.isArray()) {
      node.forEach(CrdSchema::closeObjects);
    }
  }
}
