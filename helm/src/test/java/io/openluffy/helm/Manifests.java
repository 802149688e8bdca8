package io.openluffy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Multi-document YAML turned into typed fabric8 objects, the way kubectl would send them. */
final class Manifests {

  static final YAMLMapper YAML = new YAMLMapper();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static {
    SERIALIZATION.registerKubernetesResource(OpenLuffyInstance.class);
  }

  private Manifests() {}

  /** The non-empty documents of a YAML stream, as trees. */
  static List<JsonNode> documents(String yaml) {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> result = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
          result.add(doc);
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> documents(Path file) {
    return documents(read(file));
  }

  /** Each document as the fabric8 class registered for its apiVersion and kind. */
  static List<HasMetadata> typed(List<JsonNode> documents) {
    return documents.stream().map(doc -> SERIALIZATION.convertValue(doc, HasMetadata.class)).toList();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
