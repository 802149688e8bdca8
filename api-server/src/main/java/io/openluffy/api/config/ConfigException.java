package io.openluffy.api.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem with what to do about it. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Invalid OpenLuffy API server configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
