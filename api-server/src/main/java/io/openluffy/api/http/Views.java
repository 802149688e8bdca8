package io.openluffy.api.http;

import io.openluffy.api.audit.AuditEntry;
import io.openluffy.api.audit.AuditPage;
import io.openluffy.api.auth.ApiToken;
import io.openluffy.api.auth.TokenPair;
import io.openluffy.api.customers.Customer;
import io.openluffy.api.customers.GithubTokenStatus;
import io.openluffy.api.integrations.Integration;
import io.openluffy.api.integrations.ProbeResult;
import io.openluffy.api.users.User;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The JSON shapes of responses (snake_case through the mapper's naming strategy). */
final class Views {
    private Views() {
    }

    /** {@code last_login_at} is omitted until the user's first password login, {@code disabled_at} unless disabled. */
    record UserView(UUID id, String email, String firstName, String lastName, String role, Instant createdAt,
                    Instant lastLoginAt, boolean disabled, Instant disabledAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.firstName(), u.lastName(), u.role().value(), u.createdAt(),
                    u.lastLoginAt(), u.disabledAt() != null, u.disabledAt());
        }
    }

    record TokensView(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        static TokensView of(TokenPair t) {
            return new TokensView(t.accessToken(), t.refreshToken(), "bearer", t.expiresIn());
        }
    }

    record BootstrapView(UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {
        static BootstrapView of(User u, TokenPair t) {
            return new BootstrapView(UserView.of(u), t.accessToken(), t.refreshToken(), "bearer", t.expiresIn());
        }
    }

    /** {@code token} is null (and omitted) except in the answer to the token's creation. */
    record ApiTokenView(UUID id, String name, Instant createdAt, Instant lastUsedAt, String token) {
        static ApiTokenView of(ApiToken t) {
            return new ApiTokenView(t.id(), t.name(), t.createdAt(), t.lastUsedAt(), t.token());
        }
    }

    record CustomerView(UUID id, String name, String description, String githubOrg, Instant createdAt,
                        Instant updatedAt, GithubTokenView githubToken) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.name(), c.description(), c.githubOrg(), c.createdAt(), c.updatedAt(),
                    GithubTokenView.of(c.githubToken()));
        }

        static List<CustomerView> of(List<Customer> customers) {
            return customers.stream().map(CustomerView::of).toList();
        }
    }

    /** {@code last4} is omitted for viewers: they see only whether a token is set, and since when. */
    record GithubTokenView(boolean set, Instant setAt, String last4) {
        static GithubTokenView of(GithubTokenStatus s) {
            return new GithubTokenView(s.set(), s.setAt(), s.last4());
        }
    }

    /** The token only as {@code token_set}. */
    record IntegrationView(String kind, String url, boolean insecureSkipTlsVerify, boolean tokenSet,
                           Instant updatedAt, String updatedBy) {
        static IntegrationView of(Integration i) {
            return new IntegrationView(i.kind(), i.url(), i.insecureSkipTlsVerify(), i.tokenSet(), i.updatedAt(),
                    i.updatedBy());
        }

        static List<IntegrationView> of(List<Integration> integrations) {
            return integrations.stream().map(IntegrationView::of).toList();
        }
    }

    record AuditPageView(List<AuditEntryView> items, long total, int limit, int offset) {
        static AuditPageView of(AuditPage p) {
            return new AuditPageView(p.items().stream().map(AuditEntryView::of).toList(), p.total(), p.limit(),
                    p.offset());
        }
    }

    record AuditEntryView(long id, Instant time, UUID actorId, String actorEmail, String action, String target) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(e.id(), e.time(), e.actorId(), e.actorEmail(), e.action(), e.target());
        }
    }

    record ProbeView(String status, String reason, String version) {
        static ProbeView of(ProbeResult r) {
            return new ProbeView(r.status().name().toLowerCase(Locale.ROOT), r.reason(), r.version());
        }
    }

    /** What the UI keeps in memory. */
    record Session(String accessToken, String tokenType, long expiresIn) {
        @Override
        public String toString() {
            return "Session[expiresIn=" + expiresIn + "]";
        }
    }
}
