package io.openluffy.api.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Calls Argo CD's {@code GET /api/version} with a bearer token, with connect and read timeouts, only on addresses
 * {@link OutboundAddresses} allows. Failures are reported in a few fixed words: a detailed reason ("connection
 * refused", "Unrecognized SSL message", a service's banner) would map the network behind this server. The details
 * go to the log.
 */
public final class ArgoCdClient {
    private static final Logger LOG = LoggerFactory.getLogger(ArgoCdClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final OutboundAddresses addresses;

    public ArgoCdClient(Duration connectTimeout, Duration readTimeout, OutboundAddresses addresses) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.addresses = addresses;
    }

    public ProbeResult version(String baseUrl, String token, boolean insecureSkipTlsVerify) {
        URI uri = URI.create(baseUrl + "/api/version");
        switch (addresses.check(uri.getHost())) {
            case PRIVATE -> {
                LOG.info("Argo CD test refused: {} resolves to a loopback, link-local or private address "
                        + "(OPENLUFFY_ALLOW_PRIVATE_INTEGRATIONS=true allows it)", uri.getHost());
                return unreachable("address not allowed");
            }
            case UNRESOLVED -> {
                return unreachable("host name not found");
            }
            case ALLOWED -> {
                return send(uri, token, insecureSkipTlsVerify);
            }
            default -> throw new IllegalStateException();
        }
    }

    private ProbeResult send(URI uri, String token, boolean insecureSkipTlsVerify) {
        // Redirects are not followed (the client's default): the token must only go to the configured host.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (insecureSkipTlsVerify) {
            builder.sslContext(trustingEverything());
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return interpret(builder.build().send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (HttpTimeoutException e) {
            return failed(uri, "timed out", e);
        } catch (SSLException e) {
            return failed(uri, "TLS handshake failed", e);
        } catch (IOException e) {
            return failed(uri, "connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        }
    }

    private static ProbeResult interpret(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return new ProbeResult(ProbeResult.Outcome.UNAUTHORIZED, "token refused", null);
        }
        try {
            JsonNode version = status == 200 ? JSON.readTree(response.body()).path("Version") : null;
            if (version != null && version.isTextual()) {
                return new ProbeResult(ProbeResult.Outcome.REACHABLE, "Argo CD answered", version.asText());
            }
        } catch (IOException e) {
            // not JSON: reported below like any other answer that is not Argo CD's
        }
        LOG.info("Argo CD test of {}: HTTP {} without an Argo CD version", response.uri(), status);
        return unreachable("not an Argo CD answer");
    }

    private static ProbeResult failed(URI uri, String reason, Exception e) {
        LOG.info("Argo CD test of {}: {} ({})", uri, reason, e.toString());
        return unreachable(reason);
    }

    private static ProbeResult unreachable(String reason) {
        return new ProbeResult(ProbeResult.Outcome.UNREACHABLE, reason, null);
    }

    /** For Argo CD behind a self-signed certificate, when an admin explicitly asked for it. */
    private static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TrustAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every JRE", e);
        }
    }

    /** Accepts any certificate and, being an extended trust manager, skips the host name check too. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
