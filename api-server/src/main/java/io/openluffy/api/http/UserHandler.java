package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.users.User;
import io.openluffy.api.users.UserService;

/** {@code /v1/auth/users}: admin-only user management. */
final class UserHandler {
    private final UserService users;
    private final JsonBody json;

    UserHandler(UserService users, JsonBody json) {
        this.users = users;
        this.json = json;
    }

    void create(Context ctx) {
        User created = users.create(AccessFilter.principal(ctx).actor(),
                json.read(ctx, Requests.CreateUser.class).toNewUser());
        ctx.status(201).json(Views.UserView.of(created));
    }

    void list(Context ctx) {
        ctx.json(users.list().stream().map(Views.UserView::of).toList());
    }

    void get(Context ctx) {
        ctx.json(Views.UserView.of(users.get(PathParams.id(ctx))));
    }

    void update(Context ctx) {
        Requests.UpdateUser changes = json.read(ctx, Requests.UpdateUser.class);
        ctx.json(Views.UserView.of(users.update(AccessFilter.principal(ctx).actor(), PathParams.id(ctx),
                changes.toChanges())));
    }

    void delete(Context ctx) {
        users.delete(AccessFilter.principal(ctx).actor(), PathParams.id(ctx));
        ctx.status(204);
    }
}
