package io.openluffy.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.openluffy.api.errors.UnauthorizedException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs and checks the session JWTs. HS256 only (the parser accepts no other algorithm, and never unsigned tokens);
 * issuer, audience, expiry and the {@code token_type} claim are all required, so a refresh token is not an access token.
 * <p>
 * Successful access-token verifications are remembered until the token's own expiry: every authenticated request
 * presents its access token, and parsing plus HMAC-checking it again was a third of the server's CPU per request.
 * Only the signature and claims are memoised; whether the session is still live is checked by the caller on every
 * request, so logout and revocation are not delayed by the cache.
 */
public final class JwtCodec {
    public static final String ISSUER = "openluffy-api-server";
    public static final String AUDIENCE = "openluffy-api";
    public static final Duration ACCESS_TTL = Duration.ofHours(3);
    public static final Duration REFRESH_TTL = Duration.ofDays(7);
    /** One answer for every token defect: the client cannot fix a bad token, and details help attackers. */
    public static final String INVALID_TOKEN = "Invalid or expired token.";
    static final String TOKEN_TYPE = "token_type";
    static final String SESSION = "sid";
    /** Enough for every live session of a large instance; an evicted token is simply verified again. */
    static final int VERIFIED_ACCESS_TOKENS = 10_000;

    /** The claims the server relies on after verification. */
    public record Verified(UUID userId, UUID sessionId, UUID tokenId) {
    }

    private final SecretKey key;
    private final Clock clock;
    private final JwtParser accessParser;
    private final JwtParser refreshParser;
    /** Keyed by the exact token string, so a tampered token is a different key and is verified in full. */
    private final Cache<String, Checked> verifiedAccess;

    /** A verified access token and the instant it stops being valid. */
    private record Checked(Verified claims, Instant expiresAt) {
    }

    /** Entries leave the cache when their token expires (by this codec's clock at insertion). */
    private final class UntilTokenExpiry implements Expiry<String, Checked> {
        @Override
        public long expireAfterCreate(String token, Checked checked, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), checked.expiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Checked checked, long currentTime, long currentDuration) {
            return expireAfterCreate(token, checked, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Checked checked, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    public JwtCodec(byte[] signingKey, Clock clock) {
        this.key = new SecretKeySpec(signingKey, "HmacSHA256");
        this.clock = clock;
        this.accessParser = parser("access");
        this.refreshParser = parser("refresh");
        this.verifiedAccess = Caffeine.newBuilder()
                .maximumSize(VERIFIED_ACCESS_TOKENS)
                .expireAfter(new UntilTokenExpiry())
                .build();
    }

    private JwtParser parser(String type) {
        return Jwts.parser()
                .verifyWith(key)
                .sig().clear().add(Jwts.SIG.HS256).and()
                .clock(() -> Date.from(clock.instant()))
                .requireIssuer(ISSUER)
                .requireAudience(AUDIENCE)
                .require(TOKEN_TYPE, type)
                .build();
    }

    public String access(UUID userId, UUID sessionId) {
        return sign("access", userId, sessionId, UUID.randomUUID(), ACCESS_TTL);
    }

    public String refresh(UUID userId, UUID sessionId, UUID refreshId) {
        return sign("refresh", userId, sessionId, refreshId, REFRESH_TTL);
    }

    private String sign(String type, UUID userId, UUID sessionId, UUID tokenId, Duration ttl) {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(ISSUER)
                .audience().single(AUDIENCE)
                .subject(userId.toString())
                .id(tokenId.toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .claim(TOKEN_TYPE, type)
                .claim(SESSION, sessionId.toString())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public Verified verifyAccess(String token) {
        Checked cached = verifiedAccess.getIfPresent(token);
        // the cache's own expiry runs on the system ticker; the codec's clock decides whether a token is still valid
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return cached.claims();
        }
        Checked checked = verify(accessParser, token);
        verifiedAccess.put(token, checked);
        return checked.claims();
    }

    public Verified verifyRefresh(String token) {
        return verify(refreshParser, token).claims();
    }

    private static Checked verify(JwtParser parser, String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            if (claims.getExpiration() == null) {
                throw new UnauthorizedException(INVALID_TOKEN);
            }
            return new Checked(new Verified(UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.get(SESSION, String.class)), UUID.fromString(claims.getId())),
                    claims.getExpiration().toInstant());
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new UnauthorizedException(INVALID_TOKEN);
        }
    }
}
