package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.audit.Actor;
import io.openluffy.api.auth.Principal;

/** The authenticated caller as the audit log names them. */
final class Actors {
    private Actors() {
    }

    static Actor of(Context ctx) {
        Principal p = AccessFilter.principal(ctx);
        return new Actor(p.user().id(), p.user().email());
    }
}
