package io.openluffy.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The API server's audit log (policy: every request at level Metadata, instance status writes with their body):
 * the exact count of the requests a user made (completed, or started for watches), by verb, from a {@link #mark()}
 * on.
 */
public final class AuditLog {

  public static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /** One audited request. */
  public record Request(String user, String verb, String apiGroup, String resource, String subresource,
      String namespace, String name, int code, String body, String uri) {

    public boolean isWrite() {
      return WRITES.contains(verb);
    }

    @Override
    public String toString() {
      return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
          + (namespace.isEmpty() ? "" : " -n " + namespace) + (name.isEmpty() ? "" : " " + name) + " -> " + code
          + (body.isEmpty() ? "" : " " + body);
    }
  }

  /**
   * Where the log's last complete line ends now; requests logged after it are read by {@link #since}. Not the
   * file's size: the API server writes a line in more than one write, and a mark inside a line would cut it in two
   * halves that are not JSON (seen under the benchmark's load).
   */
  public long mark() {
    try {
      if (!Files.exists(file)) {
        return 0;
      }
      try (var in = new RandomAccessFile(file.toFile(), "r")) {
        long end = in.length();
        byte[] block = new byte[8192];
        while (end > 0) {
          int length = (int) Math.min(block.length, end);
          in.seek(end - length);
          in.readFully(block, 0, length);
          for (int i = length - 1; i >= 0; i--) {
            if (block[i] == '\n') {
              return end - length + i + 1;
            }
          }
          end -= length;
        }
        return 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Completed requests of {@code user} logged after {@code mark}. */
  public List<Request> since(long mark, String user) {
    return since(mark, r -> r.user().equals(user));
  }

  public List<Request> since(long mark, Predicate<Request> filter) {
    return between(mark, mark(), filter);
  }

  /** Completed requests of {@code user} logged between two marks. */
  public List<Request> between(long from, long to, String user) {
    return between(from, to, r -> r.user().equals(user));
  }

  private List<Request> between(long from, long to, Predicate<Request> filter) {
    List<Request> requests = new ArrayList<>();
    try (var in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(from);
      byte[] rest = new byte[(int) (to - from)];
      in.readFully(rest);
      for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode event = JSON.readTree(line);
        String stage = event.path("stage").asText();
        // a watch is logged when it starts (ResponseStarted) and again when it ends: count it once, at its start
        boolean watch = "watch".equals(event.path("verb").asText());
        if (!(watch ? "ResponseStarted" : "ResponseComplete").equals(stage)) {
          continue;
        }
        JsonNode ref = event.path("objectRef");
        var request = new Request(event.path("user").path("username").asText(), event.path("verb").asText(),
            ref.path("apiGroup").asText(), ref.path("resource").asText(), ref.path("subresource").asText(),
            ref.path("namespace").asText(), ref.path("name").asText(),
            event.path("responseStatus").path("code").asInt(),
            event.has("requestObject") ? event.get("requestObject").toString() : "",
            event.path("requestURI").asText());
        if (filter.test(request)) {
          requests.add(request);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return requests;
  }

  /** Requests counted by verb, in verb order. */
  public static Map<String, Long> byVerb(List<Request> requests) {
    return requests.stream().collect(Collectors.groupingBy(Request::verb, TreeMap::new, Collectors.counting()));
  }
}
