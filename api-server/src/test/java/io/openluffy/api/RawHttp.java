package io.openluffy.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests no well-behaved client sends (NUL in a header, CONNECT, raw undecodable paths): written byte for byte on
 * a socket, the answer read until the server closes the connection.
 */
final class RawHttp {
    /** Status, the header block (lower-cased) and the body of an answer. */
    record Answer(int status, String headers, String body) {
        boolean hasHeader(String nameAndValue) {
            return headers.contains(nameAndValue.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** {@code head} is the request line and headers without the final empty line; "Connection: close" is added. */
    static Answer send(int port, String head) {
        return send(InetAddress.getLoopbackAddress(), port, head, "");
    }

    /** A JSON POST from another loopback address (127.0.0.2, ...): a second client as the server sees it. */
    static Answer post(InetAddress from, int port, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(from, port, "POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length, json);
    }

    private static Answer send(InetAddress from, int port, String head, String body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = readAll(socket.getInputStream());
            int end = answer.indexOf("\r\n\r\n");
            String headers = end < 0 ? answer : answer.substring(0, end);
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Answer(status, headers.toLowerCase(Locale.ROOT), end < 0 ? "" : answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            in.transferTo(buffer);
        } catch (IOException e) {
            // a reset after the answer was sent still leaves the answer
            if (buffer.size() == 0) {
                throw e;
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
