package io.openluffy.helm;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of a manifest that fabric8's typed model did not recognise (it keeps them in
 * additionalProperties instead of failing), e.g. a misspelt readinessProbe that Kubernetes would
 * silently drop.
 */
final class UnknownFields {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  static List<String> in(Object typed) {
    List<String> found = new ArrayList<>();
    walk(typed, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, child) -> walk(child, path + "." + key, found));
    } else if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found);
      }
    } else if (value != null && value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
      for (Method getter : value.getClass().getMethods()) {
        if (!isGetter(getter)) {
          continue;
        }
        Object child = invoke(getter, value);
        if (getter.getName().equals("getAdditionalProperties")) {
          ((Map<?, ?>) child).keySet().forEach(key -> found.add(path + "." + key));
        } else {
          walk(child, path + "." + getter.getName().substring(3), found);
        }
      }
    }
  }

  private static boolean isGetter(Method method) {
    return method.getName().startsWith("get") && method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class;
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(getter + " on " + target.getClass(), e);
    }
  }
}
