package io.openluffy.api.auth;

import io.openluffy.api.errors.UnauthorizedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the operator gives the server ({@code OPENLUFFY_BOOTSTRAP_TOKEN}) so that only it can create the first
 * admin: without it, whoever reaches a fresh instance first would own it. Not configured (local embedded mode, manual
 * deployments), bootstrap stays open as the deployment guide describes.
 */
public final class BootstrapToken {
    private static final BootstrapToken NONE = new BootstrapToken(null);

    /** SHA-256 of the token: comparing digests of equal length leaks neither the token's bytes nor its length. */
    private final byte[] digest;

    private BootstrapToken(byte[] digest) {
        this.digest = digest;
    }

    /** {@code token} null: bootstrap needs no token. */
    public static BootstrapToken of(String token) {
        return token == null ? NONE : new BootstrapToken(sha256(token));
    }

    public boolean required() {
        return digest != null;
    }

    /** Passes when no token is configured or {@code presented} is it; else 401, before anything is read or written. */
    public void check(String presented) {
        if (digest == null) {
            return;
        }
        if (presented == null) {
            throw new UnauthorizedException("This instance's first admin can only be created with its bootstrap token: "
                    + "send 'Authorization: Bearer <OPENLUFFY_BOOTSTRAP_TOKEN>'.");
        }
        if (!MessageDigest.isEqual(sha256(presented), digest)) {
            throw new UnauthorizedException("Invalid bootstrap token.");
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "BootstrapToken[required=" + required() + "]";
    }
}
