package io.openluffy.api.auth;

import io.openluffy.api.db.ApiTokenRecord;
import io.openluffy.api.db.ApiTokenRepository;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.NotFoundException;
import io.openluffy.api.errors.UnauthorizedException;
import io.openluffy.api.users.User;
import io.openluffy.api.users.UserAuditTrail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * API tokens for automation: 256 random bits behind a recognisable prefix, shown once, stored as SHA-256.
 * A token acts with its owner's current role and dies with its owner.
 */
public final class ApiTokenService {
    /** Lets the server (and secret scanners) tell API tokens from JWTs at a glance. */
    public static final String PREFIX = "olt_";
    private static final int MAX_NAME = 100;

    private final ApiTokenRepository tokens;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    public ApiToken create(Principal owner, String name) {
        String label = name == null ? "" : name.trim();
        if (label.isEmpty() || label.length() > MAX_NAME) {
            throw new InvalidInputException("name is required (1 to " + MAX_NAME + " characters)");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        ApiTokenRecord r = tokens.insert(id, owner.user().id(), label, sha256(token),
                UserAuditTrail.apiTokenCreated(owner.actor(), id, label));
        return new ApiToken(r.id(), r.name(), r.createdAt(), r.lastUsedAt(), token);
    }

    public List<ApiToken> list(Principal owner) {
        return listOf(owner.user().id());
    }

    /** Any user's tokens, without secrets: what an admin looks at before revoking one. */
    public List<ApiToken> listOf(UUID userId) {
        return tokens.findByUser(userId).stream()
                .map(r -> new ApiToken(r.id(), r.name(), r.createdAt(), r.lastUsedAt(), null))
                .toList();
    }

    /** The owner revokes their own tokens; an admin any user's (as Grafana and Argo CD admins can). */
    public void revoke(Principal caller, UUID id) {
        if (!tokens.delete(id, caller.isAdmin() ? null : caller.user().id(),
                UserAuditTrail.apiTokenRevoked(caller.actor(), id))) {
            throw new NotFoundException("API token not found.");
        }
    }

    Principal authenticate(String token) {
        return tokens.useToken(sha256(token))
                .map(u -> new Principal(User.from(u), null))
                .orElseThrow(() -> new UnauthorizedException(JwtCodec.INVALID_TOKEN));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
