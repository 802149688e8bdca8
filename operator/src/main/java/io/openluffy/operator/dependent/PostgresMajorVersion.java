package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL major-version guard. A data directory is only readable by the major that wrote it: a newer major
 * on an old directory crash-loops with "database files are incompatible with server". So once the database ran,
 * its major is recorded ({@code status.database.majorVersion}) and an image of another major (or one whose tag does
 * not say its major, such as {@code latest} or a digest) is not rolled out: the StatefulSet keeps the image it runs.
 */
public final class PostgresMajorVersion {

  /** The leading number of the tag: 16 in postgres:16, 15 in postgres:15.8-alpine, nothing in postgres:latest. */
  private static final Pattern TAG_MAJOR = Pattern.compile("^(\\d+)(?:[.\\-].*)?$");

  private PostgresMajorVersion() {
  }

  public static OptionalInt of(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    if (colon < 0 || colon < name.lastIndexOf('/')) {
      return OptionalInt.empty();
    }
    Matcher m = TAG_MAJOR.matcher(name.substring(colon + 1));
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** The recorded major, once the database has run. */
  public static Optional<Integer> recorded(OpenLuffyInstance instance) {
    return Optional.ofNullable(instance.getStatus()).map(s -> s.getDatabase()).map(d -> d.getMajorVersion());
  }

  /** Whether {@code spec.database.image} may be rolled out onto the recorded data directory. */
  public static boolean blocked(OpenLuffyInstance instance) {
    return recorded(instance).map(major -> !OptionalInt.of(major).equals(of(instance.spec().database().image())))
        .orElse(false);
  }

  /** The image the StatefulSet runs: the spec's, unless that is blocked and a StatefulSet already runs another. */
  static String image(OpenLuffyInstance instance, Optional<StatefulSet> running) {
    String wanted = instance.spec().database().image();
    if (!blocked(instance)) {
      return wanted;
    }
    return running.map(sts -> sts.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).orElse(wanted);
  }
}
