package io.openluffy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.openluffy.operator.crd.ConditionReason;
import io.openluffy.operator.crd.ConditionType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * operator/docs/troubleshooting.md explains every reason the operator can set, under its condition, and no reason it
 * cannot: the reasons are the constants of {@link ConditionReason}, one nested class per {@link ConditionType}.
 */
class TroubleshootingPageTest {

  // surefire runs in the module directory
  private static final Path PAGE = Path.of("docs/troubleshooting.md");
  private static final Pattern ENTRY = Pattern.compile("(?m)^### (\\w+): (\\w+)\\n\\n(.+)");
  /**
   * A reason written as a string literal where a condition is made (a literal anywhere in the reason argument, so a
   * ternary of literals counts): a StatusBuilder call (type, status, reason, message) or its failure or error (reason,
   * message), the records the status steps and StatusBuilder build (status, reason, message), or a namespace refusal
   * (reason, message).
   */
  private static final Pattern LITERAL_REASON = Pattern.compile(String.join("|",
      "\\.(?:required|informational)\\(\\s*ConditionType\\.\\w+\\s*,[^,;]+,\\s*[^,;\"]*\"",
      "(?:status|\\))\\s*\\.(?:failed|error)\\(\\s*[^,;\"]*\"",
      "new (?:AdminCondition|AdminSecretDrift|Verdict|Reported)\\([^,;]+,\\s*[^,;\"]*\"",
      "new Refusal\\(\\s*[^,;\"]*\""));

  @Test
  void everyConditionTypeHasItsReasonsInOnePlace() {
    Set<String> types = constants(ConditionType.class);
    Set<String> withReasons = Arrays.stream(ConditionReason.class.getDeclaredClasses()).map(Class::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(withReasons).as("nested classes of ConditionReason, one per condition type of ConditionType")
        .isEqualTo(types);
  }

  @Test
  void thePageExplainsExactlyTheReasonsTheCodeSets() throws IOException {
    Set<String> inCode = new TreeSet<>();
    for (Class<?> condition : ConditionReason.class.getDeclaredClasses()) {
      constants(condition).forEach(reason -> inCode.add(condition.getSimpleName() + ": " + reason));
    }
    String page = Files.readString(PAGE);
    Set<String> onPage = new TreeSet<>();
    Matcher entry = ENTRY.matcher(page);
    while (entry.find()) {
      onPage.add(entry.group(1) + ": " + entry.group(2));
      assertThat(entry.group(3)).as("the first line of entry %s: %s", entry.group(1), entry.group(2)).isNotBlank();
    }
    Set<String> undocumented = new TreeSet<>(inCode);
    undocumented.removeAll(onPage);
    Set<String> stale = new TreeSet<>(onPage);
    stale.removeAll(inCode);
    assertThat(undocumented).as("reasons the operator sets (crd.ConditionReason) without a \"### <Condition>:"
        + " <Reason>\" entry in operator/docs/troubleshooting.md").isEmpty();
    assertThat(stale).as("entries of operator/docs/troubleshooting.md for reasons the operator no longer sets")
        .isEmpty();
    for (Class<?> condition : ConditionReason.class.getDeclaredClasses()) {
      assertThat(page).as("a section per condition").contains("\n## " + condition.getSimpleName() + "\n");
    }
  }

  /** Keeps the enumeration above complete: a reason that is not a ConditionReason constant would escape it. */
  @Test
  void noConditionIsMadeWithALiteralReason() throws IOException {
    Set<String> literals = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher literal = LITERAL_REASON.matcher(Files.readString(source));
        while (literal.find()) {
          literals.add(source.getFileName() + ": " + literal.group().replaceAll("\\s+", " "));
        }
      }
    }
    assertThat(literals).as("condition reasons written as literals; add them to crd.ConditionReason and explain them"
        + " in operator/docs/troubleshooting.md").isEmpty();
  }

  private static Set<String> constants(Class<?> holder) {
    Set<String> values = new TreeSet<>();
    for (Field field : holder.getDeclaredFields()) {
      int m = field.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }
}
