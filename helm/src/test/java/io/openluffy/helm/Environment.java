package io.openluffy.helm;

import java.nio.file.Path;

/** The deployment guide's three environments and where each is declared in this repository. */
enum Environment {
  DEV("dev", "dev.openluffy.local", "dev.yaml", "dev.yaml"),
  PREPROD("preprod", "preprod.openluffy.local", "preprod.yaml", "preprod.yaml"),
  PROD("prod", "openluffy.local", "production.yaml", "prod.yaml");

  final String instance;
  final String host;
  final Path valuesFile;
  final Path example;

  Environment(String instance, String host, String valuesFile, String example) {
    this.instance = instance;
    this.host = host;
    this.valuesFile = RepoPaths.VALUES.resolve(valuesFile);
    this.example = RepoPaths.EXAMPLES.resolve(example);
  }
}
