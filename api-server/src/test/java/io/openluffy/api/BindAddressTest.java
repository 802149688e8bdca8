package io.openluffy.api;

import io.openluffy.api.config.EnvironmentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code OPENLUFFY_BIND_ADDRESS}: a local instance (embedded database) is reachable from this machine only, the
 * container (external database) from its Service; the "listening on" line says which.
 */
class BindAddressTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedModeListensOnLoopbackOnly() throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (LogCapture logs = LogCapture.attach();
             ApiServer server = ApiServer.start(EnvironmentConfig.read(Map.of("OPENLUFFY_PORT", "0",
                     "OPENLUFFY_DATA_DIR", dir.toString())))) {
            assertThat(logs.text()).contains("listening on http://127.0.0.1:" + server.port() + " (database: embedded");
            assertThat(accepts(InetAddress.getLoopbackAddress(), server.port())).isTrue();
            assertThat(accepts(external, server.port())).as("reachable on " + external).isFalse();
        }
    }

    @Test
    void withADatabaseItListensOnEveryInterface() throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (StandalonePostgres postgres = new StandalonePostgres(dir);
             LogCapture logs = LogCapture.attach();
             ApiServer server = ApiServer.start(postgres.apiConfig().build())) {
            assertThat(logs.text()).contains("listening on http://0.0.0.0:" + server.port() + " (database: external)");
            assertThat(accepts(external, server.port())).isTrue();
            assertThat(new ApiClient(server.baseUrl()).get("/healthz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void theVariableChoosesOtherwise() throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (LogCapture logs = LogCapture.attach();
             ApiServer server = ApiServer.start(EnvironmentConfig.read(Map.of("OPENLUFFY_PORT", "0",
                     "OPENLUFFY_DATA_DIR", dir.toString(), "OPENLUFFY_BIND_ADDRESS", external.getHostAddress())))) {
            assertThat(logs.text()).contains("listening on http://" + external.getHostAddress() + ":" + server.port());
            assertThat(accepts(external, server.port())).isTrue();
            assertThat(accepts(InetAddress.getLoopbackAddress(), server.port())).isFalse();
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An address of this machine that is not loopback: what another host would connect to. */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        InetAddress found = null;
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                found = nic.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst().orElse(found);
            }
        }
        assumeThat(found).as("this machine has a non-loopback IPv4 address").isNotNull();
        return found;
    }
}
