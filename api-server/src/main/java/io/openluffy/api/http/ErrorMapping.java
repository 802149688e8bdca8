package io.openluffy.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.openluffy.api.db.DatabaseException;
import io.openluffy.api.errors.ApiException;
import io.openluffy.api.errors.ConflictException;
import io.openluffy.api.errors.ForbiddenException;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.NotFoundException;
import io.openluffy.api.errors.SecretUnreadableException;
import io.openluffy.api.errors.TooManyRequestsException;
import io.openluffy.api.errors.UnauthorizedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The one place where failures become HTTP answers: always JSON {@code {"detail": "..."}}, never a stack trace. */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof TooManyRequestsException tooMany) {
                ctx.header("Retry-After", Long.toString(tooMany.retryAfter().toSeconds()));
            }
            if (e instanceof UnauthorizedException) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            detail(ctx, status(e), e.getMessage());
        });
        // Javalin's own answers: unknown route (404), body over the size limit (413), ...
        routes.exception(HttpResponseException.class, (e, ctx) -> detail(ctx, e.getStatus(), detailFor(e.getStatus())));
        routes.exception(DatabaseException.class, (e, ctx) -> {
            LOG.warn("Database failure on {} {}: {}", ctx.method(), ctx.path(), e.sqlState());
            detail(ctx, 503, "The database is unavailable. Try again shortly.");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            detail(ctx, 500, "Internal server error.");
        });
    }

    private static int status(ApiException e) {
        if (e instanceof InvalidInputException) {
            return 400;
        } else if (e instanceof UnauthorizedException) {
            return 401;
        } else if (e instanceof ForbiddenException) {
            return 403;
        } else if (e instanceof NotFoundException) {
            return 404;
        } else if (e instanceof ConflictException) {
            return 409;
        } else if (e instanceof TooManyRequestsException) {
            return 429;
        } else if (e instanceof SecretUnreadableException) {
            return 500;
        }
        return 400;
    }

    /** A fixed text per status, for answers not caused by one of our own exceptions. */
    static String detailFor(int status) {
        return switch (status) {
            case 404 -> "Not found.";
            case 405 -> "Method not allowed.";
            case 413 -> "Request body too large (limit 1 MiB).";
            default -> {
                HttpStatus s = HttpStatus.forStatus(status);
                yield s == HttpStatus.UNKNOWN ? "Request failed." : s.getMessage() + ".";
            }
        };
    }

    static void detail(Context ctx, int status, String detail) {
        ctx.status(status).json(Map.of("detail", detail));
    }
}
