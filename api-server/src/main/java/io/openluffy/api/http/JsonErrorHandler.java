package io.openluffy.api.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty answers itself, before Javalin sees the request (a bad URI, a NUL in a header, 414, 431, CONNECT):
 * JSON {@code {"detail"}} like every other error, instead of Jetty's HTML page or an empty body.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        SecurityHeaders.addTo(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        SecurityHeaders.addTo(fields);
        return ByteBuffer.wrap(body(status));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    private static byte[] body(int status) {
        // the detail is a fixed text per status: Jetty's own message may quote the offending input
        return ("{\"detail\":\"" + ErrorMapping.detailFor(status) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
