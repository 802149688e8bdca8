package io.openluffy.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.openluffy.api.db.AuthChangeListener;
import io.openluffy.api.db.UserRecord;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Remembers which sessions are live (with their user) so that an authenticated request needs no query. Revocation
 * stays immediate: any change to sessions or users, on this server or another one on the same database, clears it
 * (PostgreSQL NOTIFY through {@link AuthChangeListener}); while the notification channel is down nothing is
 * remembered and every request asks the database. An answer read before a change is never stored after it: each
 * clearing starts a new epoch, and a lookup stores its answer only if the epoch did not move meanwhile.
 */
public final class SessionCache implements AuthChangeListener.Subscriber {
    /** A bound on staleness even if a notification were lost without the connection failing. */
    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final Cache<UUID, UserRecord> live = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(MAX_AGE).build();
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean listening;

    /** The live session's user, from memory or else from {@code load} (the database). */
    Optional<UserRecord> activeSessionUser(UUID sessionId, Supplier<Optional<UserRecord>> load) {
        if (listening) {
            UserRecord known = live.getIfPresent(sessionId);
            if (known != null) {
                return Optional.of(known);
            }
        }
        long before = epoch.get();
        Optional<UserRecord> loaded = load.get();
        if (loaded.isPresent() && listening && epoch.get() == before) {
            live.asMap().putIfAbsent(sessionId, loaded.get());
            if (epoch.get() != before) {
                live.invalidate(sessionId);
            }
        }
        return loaded;
    }

    @Override
    public void changed() {
        epoch.incrementAndGet();
        live.invalidateAll();
    }

    @Override
    public void listening(boolean now) {
        listening = now;
    }
}
