package io.openluffy.api;

import io.openluffy.api.http.Access;
import io.openluffy.api.http.RouteTable;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewers cannot administer; an instance never loses its last admin. */
class RolesTest extends ApiServerTestBase {

    @Test
    void viewerGets403OnEveryAdminRoute() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, "viewer@yourcompany.com", "ViewerPassword123!", "viewer");
        String viewer = accessToken("viewer@yourcompany.com", "ViewerPassword123!");
        String customer = api.post("/v1/customers", Map.of("name", "Acme"), admin).get("id");

        // every admin route of the route table, so a new one cannot go unchecked
        List<RouteTable.Route> adminRoutes = server.routes().stream()
                .filter(r -> r.access() == Access.ADMIN && !r.method().equals("HEAD")).toList();
        assertThat(adminRoutes).hasSizeGreaterThanOrEqualTo(18);
        for (RouteTable.Route route : adminRoutes) {
            String path = route.path().replace("{id}", route.path().startsWith("/v1/customers") ? customer : id);
            ApiClient.Response r = api.send(route.method(), path, route.method().equals("GET")
                    || route.method().equals("DELETE") ? null : "{}", viewer);
            assertThat(r.status()).as(route + " " + r.body()).isEqualTo(403);
            assertThat(r.get("detail")).contains("admin role");
        }

        // what a viewer may do
        assertThat(api.get("/v1/auth/me", viewer).get("role")).isEqualTo("viewer");
        assertThat(api.get("/v1/auth/tokens", viewer).status()).isEqualTo(200);
        // nothing changed
        assertThat(api.get("/v1/auth/users", admin).json()).hasSize(2);
        assertThat(api.get("/v1/auth/users/" + id, admin).get("role")).isEqualTo("viewer");
        assertThat(api.get("/v1/customers/" + customer, admin).status()).isEqualTo(200);
    }

    @Test
    void lastAdminCannotBeDeletedOrDemoted() {
        String admin = bootstrapAdmin();
        String adminId = api.get("/v1/auth/me", admin).get("id");

        ApiClient.Response delete = api.delete("/v1/auth/users/" + adminId, admin);
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.get("detail")).contains("last admin");
        ApiClient.Response demote = api.patch("/v1/auth/users/" + adminId, Map.of("role", "viewer"), admin);
        assertThat(demote.status()).isEqualTo(409);
        assertThat(api.get("/v1/auth/me", admin).get("role")).isEqualTo("admin");

        // with a second admin, the first may go; then the second is the last one
        String secondId = createUser(admin, "second@yourcompany.com", "SecondAdmin123!", "admin");
        assertThat(api.delete("/v1/auth/users/" + adminId, admin).status()).isEqualTo(204);
        String second = accessToken("second@yourcompany.com", "SecondAdmin123!");
        assertThat(api.patch("/v1/auth/users/" + secondId, Map.of("role", "viewer"), second).status()).isEqualTo(409);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        String admin = bootstrapAdmin();
        String firstId = api.get("/v1/auth/me", admin).get("id");
        String secondId = createUser(admin, "second@yourcompany.com", "SecondAdmin123!", "admin");
        String second = accessToken("second@yourcompany.com", "SecondAdmin123!");

        var a = CompletableFuture.supplyAsync(() ->
                api.patch("/v1/auth/users/" + secondId, Map.of("role", "viewer"), admin).status());
        var b = CompletableFuture.supplyAsync(() ->
                api.patch("/v1/auth/users/" + firstId, Map.of("role", "viewer"), second).status());
        List<Integer> statuses = List.of(a.join(), b.join());

        // one demotion wins; the other is refused (409), or, if the winner committed first, its caller's
        // session was already ended by the role change (401). Either way one admin remains.
        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409 || s == 401);
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM users WHERE role = 'admin'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void userAdministration() {
        String admin = bootstrapAdmin();
        String id = createUser(admin, "Dev@YourCompany.com", "DevPassword123!", "viewer");
        ApiClient.Response user = api.get("/v1/auth/users/" + id, admin);
        assertThat(user.get("email")).isEqualTo("dev@yourcompany.com");
        assertThat(user.body()).doesNotContain("password");

        ApiClient.Response duplicate = api.post("/v1/auth/users",
                ApiClient.user("DEV@yourcompany.com", "DevPassword123!", "viewer"), admin);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(api.post("/v1/auth/users", ApiClient.user("x@y.io", "DevPassword123!", "root"), admin).status())
                .isEqualTo(400);

        ApiClient.Response renamed = api.patch("/v1/auth/users/" + id, Map.of("first_name", "Dana"), admin);
        assertThat(renamed.get("first_name")).isEqualTo("Dana");
        assertThat(renamed.get("role")).isEqualTo("viewer");
        assertThat(api.patch("/v1/auth/users/" + id, Map.of("password", "short"), admin).status()).isEqualTo(400);
        assertThat(api.patch("/v1/auth/users/" + id, Map.of("email", ADMIN_EMAIL), admin).status()).isEqualTo(409);
        assertThat(api.get("/v1/auth/users/not-a-uuid", admin).status()).isEqualTo(404);
        assertThat(api.delete("/v1/auth/users/00000000-0000-0000-0000-000000000000", admin).status()).isEqualTo(404);
    }

    @Test
    void longPasswordsWorkAndAreNeverTruncated() {
        String admin = bootstrapAdmin();
        String longPassword = "correct horse battery staple ".repeat(4) + "and then some more words!";
        assertThat(longPassword.length()).isGreaterThan(100);
        createUser(admin, "long@yourcompany.com", longPassword, "viewer");

        assertThat(login("long@yourcompany.com", longPassword).status()).isEqualTo(200);
        // bcrypt would accept this (it reads only 72 bytes); argon2id hashes everything
        assertThat(login("long@yourcompany.com", longPassword.substring(0, 72)).status()).isEqualTo(401);
        assertThat(login("long@yourcompany.com", longPassword.substring(0, longPassword.length() - 1)).status())
                .isEqualTo(401);
        assertThat(api.post("/v1/auth/users", ApiClient.user("x@y.io", "ä".repeat(11), "viewer"), admin).status())
                .isEqualTo(400);
    }
}
