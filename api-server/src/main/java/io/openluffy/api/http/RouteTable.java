package io.openluffy.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers every route with its one {@link Access} and remembers them, so tests can walk all routes (a new admin
 * route cannot go unchecked). A GET route is registered for HEAD too, with the same access: Javalin answers HEAD
 * from the GET handler but without the GET route's roles, which let HEAD through the access filter unauthenticated.
 */
public final class RouteTable {
    /** One route: method, path template and who may call it. */
    public record Route(String method, String path, Access access) {
    }

    private final List<Route> routes = new ArrayList<>();
    private RoutesConfig config;

    /** The routes registered so far (all of them once the app is built). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    void bind(RoutesConfig routesConfig) {
        this.config = routesConfig;
    }

    void get(String path, Handler handler, Access access) {
        add(HandlerType.GET, path, handler, access);
        add(HandlerType.HEAD, path, handler, access);
    }

    void post(String path, Handler handler, Access access) {
        add(HandlerType.POST, path, handler, access);
    }

    void put(String path, Handler handler, Access access) {
        add(HandlerType.PUT, path, handler, access);
    }

    void patch(String path, Handler handler, Access access) {
        add(HandlerType.PATCH, path, handler, access);
    }

    void delete(String path, Handler handler, Access access) {
        add(HandlerType.DELETE, path, handler, access);
    }

    private void add(HandlerType method, String path, Handler handler, Access access) {
        config.addHttpHandler(method, path, handler, access);
        routes.add(new Route(method.name(), path, access));
    }
}
