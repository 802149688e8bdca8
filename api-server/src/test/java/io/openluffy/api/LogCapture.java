package io.openluffy.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Everything logged in this JVM while attached (messages, MDC, exception messages and stack traces), as text to
 * search for secrets.
 */
final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.appender.start();
        root().addAppender(capture.appender);
        return capture;
    }

    String text() {
        return String.join("\n", List.copyOf(appender.list).stream().map(LogCapture::render).toList());
    }

    /** The forms a secret may take in a log line: as is, base64 (e.g. a logged Secret's data) and URL-encoded. */
    static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        root().detachAppender(appender);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static String render(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getFormattedMessage());
        sb.append(' ').append(e.getMDCPropertyMap());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append('\n').append(frame.getSTEAsString());
            }
        }
        return sb.toString();
    }
}
