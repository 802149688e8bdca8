package io.openluffy.api.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** Calls Argo CD's {@code GET /api/version} with a bearer token, with connect and read timeouts. */
public final class ArgoCdClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public ArgoCdClient(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public ProbeResult version(String baseUrl, String token, boolean insecureSkipTlsVerify) {
        // Redirects are not followed (the client's default): the token must only go to the configured host.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (insecureSkipTlsVerify) {
            builder.sslContext(trustingEverything());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/version"))
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return interpret(builder.build().send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (HttpConnectTimeoutException e) {
            return unreachable("no connection within " + connectTimeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return unreachable("no answer within " + readTimeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return unreachable("connection refused or host unreachable");
        } catch (SSLException e) {
            return unreachable("TLS handshake failed: " + e.getMessage());
        } catch (IOException e) {
            return unreachable("I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        }
    }

    private static ProbeResult interpret(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return new ProbeResult(ProbeResult.Outcome.UNAUTHORIZED,
                    "Argo CD refused the token (HTTP " + status + ")", null);
        }
        if (status != 200) {
            return unreachable("unexpected answer HTTP " + status + " from /api/version");
        }
        try {
            JsonNode version = JSON.readTree(response.body()).path("Version");
            if (!version.isTextual()) {
                return unreachable("the answer of /api/version has no Version: is this Argo CD?");
            }
            return new ProbeResult(ProbeResult.Outcome.REACHABLE, "Argo CD " + version.asText() + " answered",
                    version.asText());
        } catch (IOException e) {
            return unreachable("the answer of /api/version is not JSON: is this Argo CD?");
        }
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
