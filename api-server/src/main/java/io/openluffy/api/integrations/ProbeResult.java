package io.openluffy.api.integrations;

/** The outcome of calling an integration's endpoint; {@code reason} explains it and never contains the token. */
public record ProbeResult(Outcome status, String reason, String version) {
    public enum Outcome { REACHABLE, UNAUTHORIZED, UNREACHABLE }
}
