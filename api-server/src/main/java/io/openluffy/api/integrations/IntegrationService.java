package io.openluffy.api.integrations;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.crypto.DecryptionException;
import io.openluffy.api.crypto.SecretVault;
import io.openluffy.api.db.IntegrationRecord;
import io.openluffy.api.db.IntegrationRepository;
import io.openluffy.api.errors.ConflictException;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.NotFoundException;
import io.openluffy.api.errors.SecretUnreadableException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** External systems this instance talks to (today: Argo CD); their tokens are stored encrypted and never returned. */
public final class IntegrationService {
    public static final String ARGOCD = "argocd";
    private static final Pattern TOKEN = Pattern.compile("\\S{1,8000}");

    private final IntegrationRepository integrations;
    private final SecretVault vault;
    private final ArgoCdClient argoCd;
    private final boolean allowInsecure;

    /** {@code allowInsecure}: accept plain-http URLs (local trials and tests; production keeps https). */
    public IntegrationService(IntegrationRepository integrations, SecretVault vault, ArgoCdClient argoCd,
                              boolean allowInsecure) {
        this.integrations = integrations;
        this.vault = vault;
        this.argoCd = argoCd;
        this.allowInsecure = allowInsecure;
    }

    public List<Integration> list() {
        return integrations.findAll().stream().map(IntegrationService::view).toList();
    }

    /**
     * Configures Argo CD. The token may be left out to keep the stored one, but only for the same URL with TLS
     * verification no weaker than before: the token was entrusted to that host, and must not follow a new URL.
     */
    public Integration putArgoCd(Actor actor, ArgoCdSettings settings) {
        String url = url(settings.url());
        String token = settings.token();
        Optional<IntegrationRecord> stored = integrations.find(ARGOCD);
        if (token == null && stored.isEmpty()) {
            throw new InvalidInputException("token is required");
        }
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new InvalidInputException("token must be 1 to 8000 characters without spaces");
        }
        boolean insecure = Boolean.TRUE.equals(settings.insecureSkipTlsVerify());
        boolean keepStoredToken = stored.filter(s -> s.url().equals(url) && (s.insecureSkipTlsVerify() || !insecure))
                .isPresent();
        String tokenChange = token != null ? ", token replaced" : keepStoredToken ? "" : ", stored token deleted";
        integrations.put(new IntegrationRecord(ARGOCD, url, insecure, true, null, actor.email()),
                token == null ? null : vault.seal(token, IntegrationRepository.tokenBinding(ARGOCD)), keepStoredToken,
                AuditLog.entry(actor, AuditAction.INTEGRATION_CHANGED, "integration argocd (" + url + tokenChange
                        + (insecure ? ", TLS verification off" : "") + ")"));
        return getArgoCd();
    }

    public Integration getArgoCd() {
        return view(argoCdRecord());
    }

    public void deleteArgoCd(Actor actor) {
        if (!integrations.delete(ARGOCD, AuditLog.entry(actor, AuditAction.INTEGRATION_DELETED, "integration argocd"))) {
            throw notConfigured();
        }
    }

    /** Calls the configured Argo CD with its token. */
    public ProbeResult testArgoCd() {
        IntegrationRecord argo = argoCdRecord();
        String token;
        try {
            token = vault.reveal(IntegrationRepository.tokenBinding(ARGOCD)).orElseThrow(() -> new ConflictException(
                    "The Argo CD integration has no token (it is deleted when the URL changes): set it again."));
        } catch (DecryptionException e) {
            throw new SecretUnreadableException("The Argo CD token cannot be decrypted: it was altered or encrypted "
                    + "under a key this server does not have. Set the integration's token again.");
        }
        return argoCd.version(argo.url(), token, argo.insecureSkipTlsVerify());
    }

    private IntegrationRecord argoCdRecord() {
        return integrations.find(ARGOCD).orElseThrow(IntegrationService::notConfigured);
    }

    /** An absolute https URL (http only when allowed) without credentials, query or fragment; no trailing slash. */
    private String url(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("url is required");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowInsecure)) {
            throw new InvalidInputException(scheme.equals("http")
                    ? "url must use https (plain http is refused unless OPENLUFFY_ALLOW_INSECURE_INTEGRATIONS=true)"
                    : "url must be an https URL such as https://argocd.yourcompany.com");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new InvalidInputException("url must be scheme://host[:port][/path] without credentials, query or fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidInputException("url has a port outside 1 to 65535");
        }
        String url = uri.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Integration view(IntegrationRecord r) {
        return new Integration(r.kind(), r.url(), r.insecureSkipTlsVerify(), r.tokenSet(), r.updatedAt(), r.updatedBy());
    }

    private static NotFoundException notConfigured() {
        return new NotFoundException("The Argo CD integration is not configured.");
    }
}
