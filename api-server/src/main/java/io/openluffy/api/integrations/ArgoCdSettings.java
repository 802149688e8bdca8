package io.openluffy.api.integrations;

/** What an admin sends to configure Argo CD; {@code token} may be null to keep the stored one. */
public record ArgoCdSettings(String url, String token, Boolean insecureSkipTlsVerify) {
    @Override
    public String toString() {
        return "ArgoCdSettings[url=" + url + "]";
    }
}
