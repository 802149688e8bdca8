package io.openluffy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Runs Argo CD's health check Lua for OpenLuffyInstance the way Argo CD does: `obj` in, `hs` out. */
final class ArgoHealthCheck {

  static final Path SCRIPT = RepoPaths.EXAMPLES.resolve("argocd/openluffyinstance-health.lua");

  record Health(String status, String message) {}

  private final String script;

  ArgoHealthCheck(String script) {
    this.script = script;
  }

  static ArgoHealthCheck shipped() {
    return new ArgoHealthCheck(Manifests.read(SCRIPT));
  }

  Health assess(JsonNode instance) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(instance));
    LuaValue hs = globals.load(script, SCRIPT.getFileName().toString()).call();
    return new Health(hs.get("status").optjstring(null), hs.get("message").optjstring(null));
  }

  /** JSON as Argo CD hands it to Lua: objects and arrays become tables, arrays 1-based. */
  private static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    if (node.isNull()) {
      return LuaValue.NIL;
    }
    return LuaValue.valueOf(node.asText());
  }
}
