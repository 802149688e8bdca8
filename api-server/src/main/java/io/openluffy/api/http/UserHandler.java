package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.errors.NotFoundException;
import io.openluffy.api.users.UserService;

import java.util.UUID;

/** {@code /v1/auth/users}: admin-only user management. */
final class UserHandler {
    private final UserService users;
    private final JsonBody json;

    UserHandler(UserService users, JsonBody json) {
        this.users = users;
        this.json = json;
    }

    void create(Context ctx) {
        ctx.status(201).json(Views.UserView.of(users.create(json.read(ctx, Requests.CreateUser.class).toNewUser())));
    }

    void list(Context ctx) {
        ctx.json(users.list().stream().map(Views.UserView::of).toList());
    }

    void get(Context ctx) {
        ctx.json(Views.UserView.of(users.get(id(ctx))));
    }

    void update(Context ctx) {
        UUID id = id(ctx);
        ctx.json(Views.UserView.of(users.update(id, json.read(ctx, Requests.UpdateUser.class).toChanges())));
    }

    void delete(Context ctx) {
        users.delete(id(ctx));
        ctx.status(204);
    }

    /** A malformed id cannot name a user: 404 like any other unknown id. */
    static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Not found.");
        }
    }
}
