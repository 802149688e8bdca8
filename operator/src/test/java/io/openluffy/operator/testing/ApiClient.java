package io.openluffy.operator.testing;

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

/** What a user does with curl against one API server: log in, list and create users. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI baseUrl;

  public ApiClient(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** An answer; {@link #toString()} shows only the status, as bodies may hold tokens. */
  public record Response(int status, JsonNode body) {
    @Override
    public String toString() {
      return "HTTP " + status;
    }
  }

  public Response login(String email, String password) {
    return send("POST", "/v1/auth/login", null, Map.of("email", email, "password", password));
  }

  /** Logs in and returns the access token; fails if the login is refused. */
  public String accessToken(String email, String password) {
    Response response = login(email, password);
    if (response.status() != 200) {
      throw new AssertionError("login of " + email + " at " + baseUrl + " answered " + response);
    }
    return response.body().path("access_token").asText();
  }

  public Response createUser(String token, String email, String password, String role) {
    return send("POST", "/v1/auth/users", token, Map.of("email", email, "password", password, "role", role));
  }

  /** The bootstrap call as anyone could make it; {@code bootstrapToken} null sends no Authorization header. */
  public Response createAdmin(String bootstrapToken, String email, String password) {
    return send("POST", "/v1/auth/bootstrap/create-admin", bootstrapToken, Map.of("email", email, "password",
        password, "first_name", "Eve", "last_name", "Early"));
  }

  public Response users(String token) {
    return send("GET", "/v1/auth/users", token, null);
  }

  /** The first admin, as the guide creates it by hand (a server without a bootstrap token). */
  public Response createAdmin(String email, String password) {
    return send("POST", "/v1/auth/bootstrap/create-admin", null, Map.of("email", email, "password", password,
        "first_name", "First", "last_name", "Admin"));
  }

  public Response me(String token) {
    return send("GET", "/v1/auth/me", token, null);
  }

  public Response createCustomer(String token, String name) {
    return send("POST", "/v1/customers", token, Map.of("name", name));
  }

  public Response customers(String token) {
    return send("GET", "/v1/customers", token, null);
  }

  public Response putGithubToken(String token, String customerId, String githubToken) {
    return send("PUT", "/v1/customers/" + customerId + "/github-token", token, Map.of("token", githubToken));
  }

  /** Decrypts the stored token on the server to show its last characters. */
  public Response githubToken(String token, String customerId) {
    return send("GET", "/v1/customers/" + customerId + "/github-token", token, null);
  }

  private Response send(String method, String path, String token, Map<String, String> body) {
    try {
      var request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Response(response.statusCode(), text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + baseUrl + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
