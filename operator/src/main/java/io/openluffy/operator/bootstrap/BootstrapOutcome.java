package io.openluffy.operator.bootstrap;

/**
 * What the API server answered to one bootstrap request.
 *
 * @param result what happened
 * @param detail the server's {@code detail}, or why it could not be reached; never a credential
 */
public record BootstrapOutcome(Result result, String detail) {

  /** The answers the operator tells apart. */
  public enum Result {
    /** 201: the first admin now exists. */
    CREATED,
    /** 403 "Bootstrap already complete": the instance had users already. */
    ALREADY_INITIALIZED,
    /** Any other 4xx: the server refused these values; only a Secret change can help. */
    REJECTED,
    /** No answer, a 5xx, 408 or 429: worth retrying later. */
    UNREACHABLE
  }

  public static BootstrapOutcome of(Result result, String detail) {
    return new BootstrapOutcome(result, detail);
  }
}
