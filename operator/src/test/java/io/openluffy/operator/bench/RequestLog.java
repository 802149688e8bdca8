package io.openluffy.operator.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.openluffy.operator.cluster.AuditLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The mock server's CRUD dispatcher, counting every request by client (User-Agent), verb and resource kind, so the
 * operator's requests are told apart from those of the simulated kubelet and of the benchmark itself.
 */
final class RequestLog extends KubernetesCrudDispatcher {

  static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final Map<String, Map<String, LongAdder>> byAgent = new ConcurrentHashMap<>();
  /** The first few writes since the last {@link #clear()}, by client: what a write in steady state was. */
  private final Map<String, Queue<String>> firstWrites = new ConcurrentHashMap<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String agent = String.valueOf(request.getHeader("User-Agent"));
    byAgent.computeIfAbsent(agent, a -> new ConcurrentHashMap<>())
        .computeIfAbsent(verb(request) + " " + kind(request.getPath()), k -> new LongAdder()).increment();
    if (WRITES.contains(request.getMethod())) {
      var writes = firstWrites.computeIfAbsent(agent, a -> new ConcurrentLinkedQueue<>());
      if (writes.size() < 3) {
        // getBytes() copies; getUtf8Body() would consume the body before the dispatcher reads it
        var body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        writes.add(request.getMethod() + " " + request.getPath() + " " + body);
      }
    }
    return super.dispatch(request);
  }

  /** Counts of one client since the last {@link #clear()}, sorted by "VERB kind". */
  Map<String, Long> of(String agent) {
    Map<String, Long> counts = new TreeMap<>();
    byAgent.getOrDefault(agent, Map.of()).forEach((key, n) -> counts.put(key, n.sum()));
    return counts;
  }

  List<String> firstWrites(String agent) {
    return List.copyOf(firstWrites.getOrDefault(agent, new ConcurrentLinkedQueue<>()));
  }

  void clear() {
    byAgent.clear();
    firstWrites.clear();
  }

  /** Writes among counts keyed "VERB kind", by HTTP method (mock) or audit verb (real control plane). */
  static long writes(Map<String, Long> counts) {
    return count(counts, verb -> WRITES.contains(verb) || AuditLog.WRITES.contains(verb));
  }

  /** Objects created: POST on the mock, {@code create} in an audit log. */
  static long creates(Map<String, Long> counts) {
    return count(counts, verb -> verb.equals("POST") || verb.equals("create"));
  }

  private static long count(Map<String, Long> counts, Predicate<String> verb) {
    return counts.entrySet().stream().filter(e -> verb.test(e.getKey().split(" ")[0]))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** GET is split into GET (one object), LIST and WATCH, as an API server's audit log would. */
  private static String verb(RecordedRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method)) {
      return method;
    }
    String path = request.getPath();
    if (path.contains("watch=true")) {
      return "WATCH";
    }
    return resourceSegments(path).length <= 1 ? "LIST" : "GET";
  }

  /** {@code /apis/apps/v1/namespaces/x/statefulsets/y/status} → {@code statefulsets/status}. */
  static String kind(String path) {
    String[] segments = resourceSegments(path);
    if (segments.length == 0) {
      return "(discovery)";
    }
    String kind = segments[0];
    return segments.length >= 3 ? kind + "/" + segments[2] : kind;
  }

  /** Path segments after the API group/version and the namespace: kind, name, subresource. */
  private static String[] resourceSegments(String path) {
    String p = path.split("\\?", 2)[0];
    String[] s = p.replaceFirst("^/", "").split("/");
    int start = s.length > 0 && s[0].equals("api") ? 2 : 3;
    if (s.length <= start) {
      return new String[0];
    }
    if (s[start].equals("namespaces") && s.length > start + 2) {
      start += 2;
    }
    String[] rest = new String[s.length - start];
    System.arraycopy(s, start, rest, 0, rest.length);
    return rest;
  }
}
