package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.errors.NotFoundException;

import java.util.UUID;

/** Path parameters of the routes: an id that is not a UUID names nothing, so it is a 404 like an unknown one. */
final class PathParams {
    private PathParams() {
    }

    static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Not found.");
        }
    }
}
