package io.openluffy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** What can be checked of the images without a Docker engine or a registry. */
class DockerfileTest {

  @ParameterizedTest
  @CsvSource({"operator, io.openluffy.operator.Main", "api-server, io.openluffy.api.Main"})
  void runtimeImageCopiesTheJarTheBuildMakes(String module, String mainClass) throws Exception {
    String jar = finalName(module) + ".jar";
    Dockerfile dockerfile = Dockerfile.parse(RepoPaths.ROOT.resolve(module).resolve("Dockerfile"));

    assertThat(Dockerfile.arguments(dockerfile.finalStage(), "COPY"))
        .containsExactly("--from=build /src/" + module + "/target/" + jar + " /app/" + jar);
    assertThat(Dockerfile.arguments(dockerfile.finalStage(), "ENTRYPOINT")).singleElement()
        .asString().endsWith("\"-jar\", \"/app/" + jar + "\"]");
    // The reactor has built the module before this one (helm/pom.xml depends on it): the jar is runnable.
    Path built = RepoPaths.ROOT.resolve(module).resolve("target").resolve(jar);
    assertThat(built).as("built by the reactor").isRegularFile();
    try (JarFile jarFile = new JarFile(built.toFile())) {
      assertThat(jarFile.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(mainClass);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator", "api-server"})
  void buildsWithMavenAndRunsOnAJreAsANonRootUser(String module) throws Exception {
    Dockerfile dockerfile = Dockerfile.parse(RepoPaths.ROOT.resolve(module).resolve("Dockerfile"));

    assertThat(Dockerfile.arguments(dockerfile.firstStage(), "FROM")).containsExactly("maven:3.9-eclipse-temurin-17 AS build");
    assertThat(Dockerfile.arguments(dockerfile.firstStage(), "RUN")).anySatisfy(run ->
        assertThat(run).contains("mvn ").contains("-pl " + module + " -am package"));
    assertThat(Dockerfile.arguments(dockerfile.finalStage(), "FROM")).containsExactly("eclipse-temurin:17-jre");
    assertThat(Dockerfile.arguments(dockerfile.finalStage(), "USER")).singleElement().asString()
        .matches("[1-9][0-9]*:[1-9][0-9]*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator", "api-server"})
  void buildStageCopiesEveryReactorModulesPom(String module) throws Exception {
    List<String> copies = Dockerfile.arguments(Dockerfile.parse(RepoPaths.ROOT.resolve(module).resolve("Dockerfile")).firstStage(), "COPY");

    assertThat(copies).contains("pom.xml ./");
    for (String reactorModule : texts(pom(RepoPaths.ROOT.resolve("pom.xml")).getElementsByTagName("module"))) {
      assertThat(copies).as("Maven reads every module's pom").anySatisfy(copy ->
          assertThat(copy).isIn(reactorModule + "/pom.xml " + reactorModule + "/", reactorModule + " " + reactorModule));
    }
  }

  private static String finalName(String module) throws Exception {
    List<String> names = texts(pom(RepoPaths.ROOT.resolve(module).resolve("pom.xml")).getElementsByTagName("finalName"));
    assertThat(names).as("%s/pom.xml sets one literal finalName", module).singleElement().asString().doesNotContain("${");
    return names.get(0);
  }

  private static Document pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static List<String> texts(NodeList nodes) {
    return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent().strip()).toList();
  }
}
