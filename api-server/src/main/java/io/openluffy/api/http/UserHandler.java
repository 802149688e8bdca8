package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.users.User;
import io.openluffy.api.users.UserAuditTrail;
import io.openluffy.api.users.UserService;

import java.util.UUID;

/** {@code /v1/auth/users}: admin-only user management. */
final class UserHandler {
    private final UserService users;
    private final UserAuditTrail audit;
    private final JsonBody json;

    UserHandler(UserService users, UserAuditTrail audit, JsonBody json) {
        this.users = users;
        this.audit = audit;
        this.json = json;
    }

    void create(Context ctx) {
        User created = users.create(json.read(ctx, Requests.CreateUser.class).toNewUser());
        audit.created(Actors.of(ctx), created);
        ctx.status(201).json(Views.UserView.of(created));
    }

    void list(Context ctx) {
        ctx.json(users.list().stream().map(Views.UserView::of).toList());
    }

    void get(Context ctx) {
        ctx.json(Views.UserView.of(users.get(PathParams.id(ctx))));
    }

    void update(Context ctx) {
        UUID id = PathParams.id(ctx);
        Requests.UpdateUser changes = json.read(ctx, Requests.UpdateUser.class);
        User before = users.get(id);
        User after = users.update(id, changes.toChanges());
        audit.updated(Actors.of(ctx), before, after, changes.password() != null);
        ctx.json(Views.UserView.of(after));
    }

    void delete(Context ctx) {
        UUID id = PathParams.id(ctx);
        User user = users.get(id);
        users.delete(id);
        audit.deleted(Actors.of(ctx), user);
        ctx.status(204);
    }
}
