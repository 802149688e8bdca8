package io.openluffy.api.auth;

import io.openluffy.api.db.UserRecord;
import io.openluffy.api.users.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the session cache may remember, and when it must ask the database again. */
class SessionCacheTest {
    private final UUID session = UUID.randomUUID();
    private final UserRecord user = new UserRecord(UUID.randomUUID(), "a@example.com", "hash", "", "", Role.ADMIN,
            Instant.now(), null, null);
    private final AtomicInteger loads = new AtomicInteger();
    private final SessionCache cache = new SessionCache();

    private Optional<UserRecord> lookup() {
        return cache.activeSessionUser(session, () -> {
            loads.incrementAndGet();
            return Optional.of(user);
        });
    }

    @Test
    void rememberedWhileListeningUntilAChange() {
        cache.listening(true);
        assertThat(lookup()).contains(user);
        assertThat(lookup()).contains(user);
        assertThat(loads).hasValue(1);
        cache.changed();
        lookup();
        assertThat(loads).hasValue(2);
    }

    @Test
    void anAnswerReadBeforeAChangeIsNotKeptAfterIt() {
        cache.listening(true);
        cache.activeSessionUser(session, () -> {
            loads.incrementAndGet();
            // the change commits while this lookup's query is on its way back
            cache.changed();
            return Optional.of(user);
        });
        lookup();
        assertThat(loads).hasValue(2);
    }

    @Test
    void nothingIsRememberedWithoutTheNotificationChannel() {
        lookup();
        lookup();
        assertThat(loads).hasValue(2);
        cache.listening(true);
        lookup();
        cache.listening(false);
        lookup();
        assertThat(loads).hasValue(4);
    }

    @Test
    void refusalsAreNotRemembered() {
        cache.listening(true);
        cache.activeSessionUser(session, Optional::empty);
        assertThat(lookup()).contains(user);
        assertThat(loads).hasValue(1);
    }
}
