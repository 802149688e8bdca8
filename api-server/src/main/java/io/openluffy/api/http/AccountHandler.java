package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.auth.Principal;
import io.openluffy.api.users.AccountService;

/** Own password change ({@code /v1/auth/me/password}) and admin disable/enable of users. */
final class AccountHandler {
    private final AccountService accounts;
    private final JsonBody json;

    AccountHandler(AccountService accounts, JsonBody json) {
        this.accounts = accounts;
        this.json = json;
    }

    void changeOwnPassword(Context ctx) {
        Principal me = AccessFilter.principal(ctx);
        Requests.PasswordChange body = json.read(ctx, Requests.PasswordChange.class);
        accounts.changeOwnPassword(me.user().id(), me.sessionId(), body.currentPassword(), body.newPassword(),
                ctx.ip());
        ctx.status(204);
    }

    void disable(Context ctx) {
        ctx.json(Views.UserView.of(accounts.disable(AccessFilter.principal(ctx).actor(), PathParams.id(ctx))));
    }

    void enable(Context ctx) {
        ctx.json(Views.UserView.of(accounts.enable(AccessFilter.principal(ctx).actor(), PathParams.id(ctx))));
    }
}
