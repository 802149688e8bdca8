package io.openluffy.api.auth;

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

    /** The claims the server relies on after verification. */
    public record Verified(UUID userId, UUID sessionId, UUID tokenId) {
    }

    private final SecretKey key;
    private final Clock clock;
    private final JwtParser accessParser;
    private final JwtParser refreshParser;

    public JwtCodec(byte[] signingKey, Clock clock) {
        this.key = new SecretKeySpec(signingKey, "HmacSHA256");
        this.clock = clock;
        this.accessParser = parser("access");
        this.refreshParser = parser("refresh");
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
        return verify(accessParser, token);
    }

    public Verified verifyRefresh(String token) {
        return verify(refreshParser, token);
    }

    private static Verified verify(JwtParser parser, String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            if (claims.getExpiration() == null) {
                throw new UnauthorizedException(INVALID_TOKEN);
            }
            return new Verified(UUID.fromString(claims.getSubject()), UUID.fromString(claims.get(SESSION, String.class)),
                    UUID.fromString(claims.getId()));
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new UnauthorizedException(INVALID_TOKEN);
        }
    }
}
