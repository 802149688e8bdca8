package io.openluffy.operator.dependent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shell scripts in the operator's resources ({@code /scripts/}), shipped in ConfigMaps as they are: the files
 * the script tests run against a real PostgreSQL are byte for byte the ones the pods run.
 */
final class Scripts {

  /** Where the pods mount a scripts ConfigMap. */
  static final String MOUNT_PATH = "/scripts";
  private static final String RESOURCES = "/scripts/";

  private Scripts() {
  }

  /** File name to content, read once at class initialisation by the ConfigMaps that ship them. */
  static Map<String, String> load(String... names) {
    var scripts = new LinkedHashMap<String, String>();
    for (String name : names) {
      try (InputStream in = Scripts.class.getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCES + name);
        }
        scripts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.copyOf(scripts);
  }

  /** The command that runs one of them from its mounted ConfigMap (dash in the postgres image). */
  static String[] command(String name) {
    return new String[] {"sh", MOUNT_PATH + "/" + name};
  }
}
