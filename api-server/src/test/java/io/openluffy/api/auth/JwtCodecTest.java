package io.openluffy.api.auth;

import io.openluffy.api.errors.UnauthorizedException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memo of verified access tokens never accepts what a full verification would refuse. */
class JwtCodecTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final byte[] key = new byte[32];
    private final JwtCodec codec = new JwtCodec(key, clock);
    private final UUID user = UUID.randomUUID();
    private final UUID session = UUID.randomUUID();

    @Test
    void aRememberedTokenStillExpiresAtItsOwnExpiry() {
        String token = codec.access(user, session);
        assertThat(codec.verifyAccess(token).sessionId()).isEqualTo(session);
        clock.advance(JwtCodec.ACCESS_TTL.minusSeconds(1));
        assertThat(codec.verifyAccess(token).userId()).isEqualTo(user);

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> codec.verifyAccess(token)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void rememberingATokenDoesNotAcceptAnAlteredCopyOrARefreshToken() {
        String token = codec.access(user, session);
        codec.verifyAccess(token);
        int signature = token.lastIndexOf('.') + 1;
        String tampered = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);
        assertThatThrownBy(() -> codec.verifyAccess(tampered)).isInstanceOf(UnauthorizedException.class);
        String refresh = codec.refresh(user, session, UUID.randomUUID());
        assertThatThrownBy(() -> codec.verifyAccess(refresh)).isInstanceOf(UnauthorizedException.class);
        byte[] otherKey = Arrays.copyOf(key, key.length);
        otherKey[0] = 1;
        assertThatThrownBy(() -> new JwtCodec(otherKey, clock).verifyAccess(token))
                .isInstanceOf(UnauthorizedException.class);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
