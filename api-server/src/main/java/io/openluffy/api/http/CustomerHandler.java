package io.openluffy.api.http;

import io.javalin.http.Context;
import io.openluffy.api.customers.CustomerService;

/** {@code /v1/customers}: admins write, every user reads; GitHub tokens go in and never come out. */
final class CustomerHandler {
    private final CustomerService customers;
    private final JsonBody json;

    CustomerHandler(CustomerService customers, JsonBody json) {
        this.customers = customers;
        this.json = json;
    }

    void create(Context ctx) {
        ctx.status(201).json(Views.CustomerView.of(customers.create(AccessFilter.principal(ctx).actor(),
                json.read(ctx, Requests.CustomerBody.class).toInput())));
    }

    void list(Context ctx) {
        ctx.json(Views.CustomerView.of(customers.list()));
    }

    void get(Context ctx) {
        ctx.json(Views.CustomerView.of(customers.get(PathParams.id(ctx), AccessFilter.principal(ctx).isAdmin())));
    }

    void update(Context ctx) {
        ctx.json(Views.CustomerView.of(customers.update(AccessFilter.principal(ctx).actor(), PathParams.id(ctx),
                json.read(ctx, Requests.CustomerBody.class).toInput())));
    }

    void delete(Context ctx) {
        customers.delete(AccessFilter.principal(ctx).actor(), PathParams.id(ctx));
        ctx.status(204);
    }

    void getGithubToken(Context ctx) {
        ctx.json(Views.GithubTokenView.of(
                customers.githubTokenStatus(PathParams.id(ctx), AccessFilter.principal(ctx).isAdmin())));
    }

    void putGithubToken(Context ctx) {
        String token = json.read(ctx, Requests.GithubTokenBody.class).token();
        ctx.json(Views.GithubTokenView.of(
                customers.setGithubToken(AccessFilter.principal(ctx).actor(), PathParams.id(ctx), token)));
    }

    void deleteGithubToken(Context ctx) {
        customers.deleteGithubToken(AccessFilter.principal(ctx).actor(), PathParams.id(ctx));
        ctx.status(204);
    }
}
