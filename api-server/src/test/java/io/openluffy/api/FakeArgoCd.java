package io.openluffy.api;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server answering {@code GET /api/version} as Argo CD does: 200 with the version, or 401. */
final class FakeArgoCd implements AutoCloseable {
    static final String VERSION = "v2.13.1+af54ef8";

    private final HttpServer server;
    private final String acceptedToken;
    private final AtomicInteger requests = new AtomicInteger();

    FakeArgoCd(String acceptedToken) {
        this.acceptedToken = acceptedToken;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/version", exchange -> {
            requests.incrementAndGet();
            boolean authorized = ("Bearer " + acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized
                    ? "{\"Version\":\"" + VERSION + "\",\"BuildDate\":\"2024-11-20T17:31:37Z\",\"GoVersion\":\"go1.22.9\"}"
                    : "{\"error\":\"invalid session: token signature is invalid\",\"code\":16,"
                    + "\"message\":\"invalid session: token signature is invalid\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** How many requests reached it. */
    int requests() {
        return requests.get();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
