package io.openluffy.api.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The local mode's generated keys: the warning names only the key that was not given. */
class LocalKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void aGivenEncryptionKeyIsNotReportedMissing() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger log = (Logger) LoggerFactory.getLogger(LocalKeys.class);
        log.addAppender(logs);
        try {
            LocalKeys.complete(ApiConfig.builder().dataDir(dataDir)
                    .encryptionKey("given-encryption-key-32-bytes-ok".getBytes()).build());
        } finally {
            log.detachAppender(logs);
        }
        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("No OPENLUFFY_JWT_SIGNING_KEY given").doesNotContain("OPENLUFFY_ENCRYPTION_KEY");
    }
}
