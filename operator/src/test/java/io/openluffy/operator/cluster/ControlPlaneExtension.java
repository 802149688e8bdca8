package io.openluffy.operator.cluster;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link ControlPlane}: one per JVM (starting one takes tens of seconds), shared by every *IT class
 * of the run, in {@code target/control-plane} and stopped when JUnit finishes (or by {@link Processes}' hook and
 * watchdog if it never gets there). Tests keep apart by using their own instance names.
 */
public final class ControlPlaneExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ControlPlane.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ControlPlane.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  static ControlPlane shared(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ControlPlane.class, key -> {
      try {
        return ControlPlane.start(Path.of("target", "control-plane", Long.toString(ProcessHandle.current().pid()))
            .toAbsolutePath());
      } catch (Exception e) {
        throw new IllegalStateException("the control plane did not start: " + e.getMessage(), e);
      }
    }, ControlPlane.class);
  }
}
