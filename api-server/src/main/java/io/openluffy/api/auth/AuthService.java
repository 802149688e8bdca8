package io.openluffy.api.auth;

import io.openluffy.api.db.SessionRepository;
import io.openluffy.api.db.UserRecord;
import io.openluffy.api.db.UserRepository;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.UnauthorizedException;
import io.openluffy.api.users.EmailAddress;
import io.openluffy.api.users.LoginThrottle;
import io.openluffy.api.users.NewUser;
import io.openluffy.api.users.PasswordHasher;
import io.openluffy.api.users.User;
import io.openluffy.api.users.UserService;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Sessions: bootstrap, login (throttled), refresh rotation with reuse detection, logout, and bearer authentication. */
public final class AuthService {
    /** Same words, status and cost for an unknown e-mail and a wrong password. */
    public static final String INVALID_CREDENTIALS = "Invalid email or password.";

    private final UserService userService;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final JwtCodec jwt;
    private final ApiTokenService apiTokens;
    private final Clock clock;
    private final SessionCache sessionCache;
    private final BootstrapToken bootstrapToken;

    public AuthService(UserService userService, UserRepository users, SessionRepository sessions,
                       LoginThrottle throttle, PasswordHasher hasher, JwtCodec jwt, ApiTokenService apiTokens,
                       Clock clock, SessionCache sessionCache, BootstrapToken bootstrapToken) {
        this.userService = userService;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.jwt = jwt;
        this.apiTokens = apiTokens;
        this.clock = clock;
        this.sessionCache = sessionCache;
        this.bootstrapToken = bootstrapToken;
    }

    /** Refuses (401) a bootstrap call without the configured bootstrap token; passes any call when none is set. */
    public void authorizeBootstrap(String bearer) {
        bootstrapToken.check(bearer);
    }

    /** Creates the first admin (only while there are no users) and logs them in. */
    public LoginResult bootstrap(NewUser request) {
        User admin = userService.createFirstAdmin(request);
        return new LoginResult(admin, openSession(admin.id()));
    }

    /** Whether the UI may offer to create the first admin: not when the operator holds a bootstrap token. */
    public boolean bootstrapAvailable() {
        return !bootstrapToken.required() && !users.anyExists();
    }

    /** Checks the password under the {@link LoginThrottle}, keyed by the canonical e-mail and the client's address. */
    public TokenPair login(String email, String password, String clientAddress) {
        if (email == null || email.isBlank()) {
            throw new InvalidInputException("email is required");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password is required");
        }
        Optional<String> account = EmailAddress.parse(email);
        if (account.isEmpty()) {
            // no such account can exist; answer like any unknown e-mail without counting the junk
            hasher.verifyAgainstDummy(password);
            throw new UnauthorizedException(INVALID_CREDENTIALS);
        }
        Optional<UserRecord> user = users.findByEmail(account.get());
        boolean ok = throttle.check(account.get(), clientAddress,
                "Too many failed login attempts for this account. Try again later.",
                () -> user.isPresent() ? hasher.verify(password, user.get().passwordHash())
                        : hasher.verifyAgainstDummy(password));
        if (!ok) {
            throw new UnauthorizedException(INVALID_CREDENTIALS);
        }
        users.recordLogin(user.get().id());
        return openSession(user.get().id());
    }

    /** Exchanges a refresh token for new tokens; a token that was already exchanged ends its whole session. */
    public TokenPair refresh(String refreshToken) {
        JwtCodec.Verified token = jwt.verifyRefresh(required(refreshToken));
        UUID next = UUID.randomUUID();
        SessionRepository.Rotation rotation = sessions.rotate(token.sessionId(), token.tokenId(), next,
                clock.instant().plus(JwtCodec.REFRESH_TTL));
        return switch (rotation.status()) {
            case ROTATED -> pair(rotation.userId(), token.sessionId(), next);
            case REUSED -> throw new UnauthorizedException(
                    "Refresh token already used; the session has been revoked. Log in again.");
            case INVALID -> throw new UnauthorizedException(JwtCodec.INVALID_TOKEN);
        };
    }

    /** Ends the session of the given refresh token, or else of the access token. */
    public void logout(String refreshToken, String bearer) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            sessions.revoke(jwt.verifyRefresh(refreshToken).sessionId());
        } else if (bearer != null && !bearer.startsWith(ApiTokenService.PREFIX)) {
            sessions.revoke(jwt.verifyAccess(bearer).sessionId());
        } else {
            throw new InvalidInputException("refresh_token is required");
        }
    }

    /** The caller behind a bearer credential: an API token or a session access token. */
    public Principal authenticate(String bearer) {
        if (bearer.startsWith(ApiTokenService.PREFIX)) {
            return apiTokens.authenticate(bearer);
        }
        JwtCodec.Verified token = jwt.verifyAccess(bearer);
        UserRecord user = sessionCache.activeSessionUser(token.sessionId(),
                        () -> sessions.findActiveSessionUser(token.sessionId()))
                .filter(u -> u.id().equals(token.userId()))
                .orElseThrow(() -> new UnauthorizedException(JwtCodec.INVALID_TOKEN));
        return new Principal(User.from(user), token.sessionId());
    }

    /**
     * Called after every request that may have changed data: this server forgets the sessions it remembers at once,
     * before its answer is sent (other servers hear of the change through the database).
     */
    public void afterWrite() {
        sessionCache.changed();
    }

    private TokenPair openSession(UUID userId) {
        UUID sessionId = UUID.randomUUID();
        UUID refreshId = UUID.randomUUID();
        sessions.create(sessionId, userId, refreshId, clock.instant().plus(JwtCodec.REFRESH_TTL));
        return pair(userId, sessionId, refreshId);
    }

    private TokenPair pair(UUID userId, UUID sessionId, UUID refreshId) {
        return new TokenPair(jwt.access(userId, sessionId), jwt.refresh(userId, sessionId, refreshId),
                JwtCodec.ACCESS_TTL.toSeconds());
    }

    private static String required(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("refresh_token is required");
        }
        return token;
    }
}
