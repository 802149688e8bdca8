package io.openluffy.api.http;

import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.auth.ApiTokenService;
import io.openluffy.api.auth.AuthService;
import io.openluffy.api.customers.CustomerService;
import io.openluffy.api.integrations.IntegrationService;
import io.openluffy.api.metrics.Metrics;
import io.openluffy.api.users.AccountService;
import io.openluffy.api.users.UserService;

import java.util.function.BooleanSupplier;

/** Everything the HTTP layer serves, built by the composition root ({@code ApiServer}). */
public record Services(AuthService auth, UserService users, AccountService accounts, ApiTokenService apiTokens,
                       CustomerService customers, IntegrationService integrations, AuditLog audit, Metrics metrics,
                       BooleanSupplier databaseReachable) {
}
