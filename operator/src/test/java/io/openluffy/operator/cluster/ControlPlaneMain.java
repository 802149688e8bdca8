package io.openluffy.operator.cluster;

import java.nio.file.Path;

/**
 * Starts a control plane in {@code args[0]}, prints its processes' PIDs on one line and waits: the JVM a test kills
 * with SIGKILL to see that the watchdog leaves no orphans ({@link ControlPlaneIT}).
 */
public final class ControlPlaneMain {

  private ControlPlaneMain() {
  }

  public static void main(String[] args) throws Exception {
    ControlPlane plane = ControlPlane.start(Path.of(args[0]));
    System.out.println("PIDS " + plane.pids());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
