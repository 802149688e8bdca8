package io.openluffy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for tests: real requests to a running {@link ApiServer}. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What came back; {@link #json()} parses the body. */
    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }

        String get(String field) {
            return json().path(field).asText(null);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    Response post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, null);
    }

    Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token);
    }

    Response delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    /** {@code body} is sent as is when it is a String, else serialized as JSON. */
    Response send(String method, String path, Object body, String token) {
        return sendWithHeaders(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    Response sendWithHeaders(String method, String path, Object body, Map<String, String> headers) {
        try {
            String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> user(String email, String password, String role) {
        return Map.of("email", email, "password", password, "first_name", "Test", "last_name", "User", "role", role);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> credentials(String email, String password) {
        return Map.of("email", email, "password", password);
    }
}
