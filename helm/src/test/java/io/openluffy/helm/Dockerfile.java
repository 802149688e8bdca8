package io.openluffy.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Dockerfile as its instructions (continuation lines joined, comments dropped), split into stages. */
record Dockerfile(List<List<String>> stages) {

  static Dockerfile parse(Path file) {
    List<List<String>> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : Manifests.read(file).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      String instruction = pending.append(trimmed).toString();
      pending.setLength(0);
      if (instruction.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      if (stages.isEmpty()) {
        throw new IllegalArgumentException(file + ": instruction before the first FROM: " + instruction);
      }
      stages.get(stages.size() - 1).add(instruction);
    }
    return new Dockerfile(stages);
  }

  List<String> firstStage() {
    return stages.get(0);
  }

  List<String> finalStage() {
    return stages.get(stages.size() - 1);
  }

  /** Arguments of each instruction of a stage with the given keyword (e.g. "COPY"). */
  static List<String> arguments(List<String> stage, String keyword) {
    return stage.stream()
        .filter(instruction -> instruction.startsWith(keyword + " "))
        .map(instruction -> instruction.substring(keyword.length() + 1).strip())
        .toList();
  }
}
