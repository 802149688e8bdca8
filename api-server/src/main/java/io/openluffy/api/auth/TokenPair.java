package io.openluffy.api.auth;

/** What login, bootstrap and refresh hand out; {@code expiresIn} is the access token's lifetime in seconds. */
public record TokenPair(String accessToken, String refreshToken, long expiresIn) {
    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "TokenPair[expiresIn=" + expiresIn + "]";
    }
}
