package io.openluffy.helm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations in the repository, found from the helm module's working directory. */
final class RepoPaths {

  static final Path ROOT = findRoot();
  static final Path CHART = ROOT.resolve("helm/openluffy");
  static final Path VALUES = ROOT.resolve("helm/values");
  static final Path EXAMPLES = ROOT.resolve("examples");
  static final Path CRD = ROOT.resolve("crds/openluffyinstances.openluffy.io-v1.yml");
  /** Where the chart keeps its CRDs: the crds subchart, switched by crds.install. */
  static final Path CHART_CRDS = CHART.resolve("charts/crds/crds");
  static final Path BACKUP_CRD = ROOT.resolve("crds/openluffybackups.openluffy.io-v1.yml");

  private RepoPaths() {}

  private static Path findRoot() {
    // Surefire runs in helm/, an IDE may run in the repository root.
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("helm/openluffy"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Run the tests from inside the OpenLuffy repository");
    }
    return dir;
  }
}
