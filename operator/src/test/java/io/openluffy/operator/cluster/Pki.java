package io.openluffy.operator.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh PKI per control plane, made with Debian's openssl: a CA (also the controller manager's signing CA), the
 * API server's serving certificate for 127.0.0.1/localhost/10.0.0.1, a system:masters client certificate for the
 * harness and the built-in components, and the service-account signing key pair.
 */
record Pki(Path dir) {

  static Pki create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    var pki = new Pki(dir);
    pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=openluffy-test-ca",
        "-keyout", "ca.key", "-out", "ca.crt");
    Files.writeString(dir.resolve("apiserver.ext"), "subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,"
        + "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n"
        + "extendedKeyUsage=serverAuth\n");
    pki.signed("apiserver", "/CN=kube-apiserver", "apiserver.ext");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    pki.signed("admin", "/O=system:masters/CN=openluffy-test-admin", "client.ext");
    pki.openssl("genrsa", "-out", "sa.key", "2048");
    pki.openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
    return pki;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  private void signed(String name, String subject, String extensions) throws IOException, InterruptedException {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key", "-out", name + ".csr");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
        "-extfile", extensions, "-out", name + ".crt");
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("openssl.log").toFile())).start();
    if (process.waitFor() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed; see " + dir.resolve("openssl.log"));
    }
  }
}
