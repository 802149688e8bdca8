package io.openluffy.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Forged, altered, expired and misused tokens are all refused with 401. */
class TokenSecurityTest extends ApiServerTestBase {
    private String access;
    private String refresh;
    private String userId;
    private String sessionId;
    private SecretKey serverKey;

    @BeforeEach
    void login() throws Exception {
        bootstrapAdmin();
        ApiClient.Response r = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        access = r.get("access_token");
        refresh = r.get("refresh_token");
        ObjectNode claims = (ObjectNode) ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(access.split("\\.")[1]));
        userId = claims.get("sub").asText();
        sessionId = claims.get("sid").asText();
        // the key the server generated for its local mode: lets the test mint otherwise perfect tokens
        byte[] key = Base64.getDecoder().decode(Files.readString(dataDir.resolve("keys/jwt-signing-key")).trim());
        serverKey = new SecretKeySpec(key, "HmacSHA256");
        assertThat(me(access)).isEqualTo(200);
    }

    @Test
    void aCorrectlyMintedTokenIsAccepted() {
        // proves the forgeries below fail for the reason each one names, not for a mistake in the test
        assertThat(me(mint("openluffy-api-server", "openluffy-api", "access", Instant.now().plusSeconds(60))))
                .isEqualTo(200);
    }

    @Test
    void anApiTokenDifferingOnlyInCaseIsRefusedOnTheConnectionThatJustUsedTheRealOne() {
        String token = api.post("/v1/auth/tokens", java.util.Map.of("name", "ci"), access).get("token");
        String swapped = token.substring(0, 4) + swapCase(token.substring(4));
        assertThat(me(token)).isEqualTo(200);
        // same keep-alive connection: Jetty's header cache must compare values with their case
        assertThat(me(swapped)).isEqualTo(401);
    }

    private static String swapCase(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.toUpperCase(c)));
        return sb.toString();
    }

    @Test
    void algNoneIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = access.split("\\.")[1];
        assertThat(me(header + "." + payload + ".")).isEqualTo(401);
        assertThat(me(header + "." + payload)).isEqualTo(401);
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = access.split("\\.");
        ObjectNode claims = (ObjectNode) ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.put("sub", UUID.randomUUID().toString());
        String forged = parts[0] + "." + b64(claims.toString()) + "." + parts[2];
        assertThat(me(forged)).isEqualTo(401);
        assertThat(me(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA"))
                .isEqualTo(401);
    }

    @Test
    void expiredTokenIsRefused() {
        assertThat(me(mint("openluffy-api-server", "openluffy-api", "access", Instant.now().minusSeconds(3600))))
                .isEqualTo(401);
    }

    @Test
    void refreshTokenIsNotAnAccessTokenAndViceVersa() {
        assertThat(me(refresh)).isEqualTo(401);
        ApiClient.Response r = api.post("/v1/auth/refresh", "{\"refresh_token\":\"" + access + "\"}");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        Instant exp = Instant.now().plusSeconds(600);
        assertThat(me(mint("someone-else", "openluffy-api", "access", exp))).isEqualTo(401);
        assertThat(me(mint("openluffy-api-server", "another-api", "access", exp))).isEqualTo(401);
    }

    @Test
    void otherAlgorithmsAndKeysAreRefused() {
        Instant exp = Instant.now().plusSeconds(600);
        String hs512 = Jwts.builder().issuer("openluffy-api-server").audience().single("openluffy-api")
                .subject(userId).id(UUID.randomUUID().toString()).expiration(Date.from(exp))
                .claim("token_type", "access").claim("sid", sessionId)
                .signWith(Keys.hmacShaKeyFor(Base64.getDecoder().decode(
                        Base64.getEncoder().encodeToString(serverKey.getEncoded()))), Jwts.SIG.HS512)
                .compact();
        assertThat(me(hs512)).isEqualTo(401);
        String otherKey = Jwts.builder().issuer("openluffy-api-server").audience().single("openluffy-api")
                .subject(userId).id(UUID.randomUUID().toString()).expiration(Date.from(exp))
                .claim("token_type", "access").claim("sid", sessionId)
                .signWith(Jwts.SIG.HS256.key().build(), Jwts.SIG.HS256)
                .compact();
        assertThat(me(otherKey)).isEqualTo(401);
    }

    @Test
    void garbageIsA401NotA500() {
        for (String junk : new String[]{"x", "a.b.c", "...", "eyJhbGciOiJIUzI1NiJ9..", "olt_unknown"}) {
            ApiClient.Response r = api.get("/v1/auth/me", junk);
            assertThat(r.status()).as(junk).isEqualTo(401);
            assertThat(r.get("detail")).isNotBlank();
        }
    }

    private String mint(String issuer, String audience, String type, Instant expiry) {
        return Jwts.builder()
                .issuer(issuer)
                .audience().single(audience)
                .subject(userId)
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(expiry.minusSeconds(10_800)))
                .expiration(Date.from(expiry))
                .claim("token_type", type)
                .claim("sid", sessionId)
                .signWith(serverKey, Jwts.SIG.HS256)
                .compact();
    }

    private static int me(String token) {
        return api.get("/v1/auth/me", token).status();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }
}
