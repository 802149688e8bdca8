package io.openluffy.operator.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openluffy.operator.bootstrap.BootstrapOutcome.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts the first admin to {@code POST /v1/auth/bootstrap/create-admin} and classifies the answer. The request
 * body is the only place the password goes; the 201 body (the admin's tokens) is discarded unread. The request
 * carries the instance's bootstrap token: the API server accepts the call from its holder only, so an "already
 * complete" answer means the admin was created by this operator, never by someone who got there first.
 */
public final class BootstrapClient {

  public static final String PATH = "/v1/auth/bootstrap/create-admin";
  static final String ALREADY_COMPLETE = "Bootstrap already complete";
  private static final int MAX_DETAIL = 300;

  private final HttpClient http;
  private final Duration requestTimeout;
  private final ObjectMapper json = new ObjectMapper();

  public BootstrapClient(Duration connectTimeout, Duration requestTimeout) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.requestTimeout = requestTimeout;
  }

  public BootstrapOutcome createAdmin(URI baseUrl, AdminCredentials admin, String bootstrapToken) {
    URI uri = baseUrl.resolve(PATH);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + bootstrapToken)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(admin)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return classify(response.statusCode(), response.statusCode() / 100 == 2 ? "" : redact(detail(response), admin.password(), bootstrapToken));
    } catch (IOException e) {
      return BootstrapOutcome.of(Result.UNREACHABLE, "no answer from " + uri + " (" + describe(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BootstrapOutcome.of(Result.UNREACHABLE, "interrupted while calling " + uri);
    }
  }

  static BootstrapOutcome classify(int status, String detail) {
    if (status == 200 || status == 201) {
      return BootstrapOutcome.of(Result.CREATED, "");
    }
    if (status == 403 && detail.startsWith(ALREADY_COMPLETE)) {
      return BootstrapOutcome.of(Result.ALREADY_INITIALIZED, detail);
    }
    String withStatus = "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
    if (status == 401) {
      // The API server runs with another token than the Secret holds now (a pod not restarted since the Secret
      // changed): nothing the admin Secret can fix, and it heals once the pods restart, so retry.
      return BootstrapOutcome.of(Result.UNREACHABLE, withStatus + " (the API server's bootstrap token is not the"
          + " one in the instance's api-keys Secret; restart its pods if that Secret was changed)");
    }
    boolean retryable = status >= 500 || status == 408 || status == 429;
    return BootstrapOutcome.of(retryable ? Result.UNREACHABLE : Result.REJECTED, withStatus);
  }

  private byte[] body(AdminCredentials admin) {
    ObjectNode body = json.createObjectNode()
        .put(AdminCredentials.EMAIL, admin.email())
        .put(AdminCredentials.PASSWORD, admin.password());
    if (admin.firstName() != null) {
      body.put(AdminCredentials.FIRST_NAME, admin.firstName());
    }
    if (admin.lastName() != null) {
      body.put(AdminCredentials.LAST_NAME, admin.lastName());
    }
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      // Jackson's message could quote the value being written: say only what failed.
      throw new IllegalStateException("cannot encode the bootstrap request");
    }
  }

  /** The {@code detail} of a JSON error, else the start of the body (a proxy's HTML page, say). */
  private String detail(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    try {
      JsonNode detail = json.readTree(body).path("detail");
      if (detail.isTextual()) {
        return shorten(detail.asText());
      }
    } catch (IOException e) {
      // not JSON: fall through to the raw text
    }
    return shorten(body);
  }

  /** A server that echoes the request would otherwise put the password into the instance status. */
  private static String redact(String detail, String... secrets) {
    String redacted = detail;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "(redacted)");
    }
    return redacted;
  }

  private static String shorten(String text) {
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
