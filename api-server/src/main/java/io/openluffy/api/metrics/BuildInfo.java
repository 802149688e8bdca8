package io.openluffy.api.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What was built: the project version, written into {@code build.properties} by Maven's resource filtering. */
record BuildInfo(String version) {
    private static final String RESOURCE = "build.properties";

    /** From the jar; "unknown" when the file is missing (classes compiled without Maven). */
    static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return new BuildInfo(p.getProperty("version", "unknown"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " from the jar failed", e);
        }
    }
}
