package io.openluffy.api.audit;

/** The audited actions, with the names stored and shown in the log. */
public enum AuditAction {
    USER_CREATED("user.created"),
    USER_UPDATED("user.updated"),
    USER_ROLE_CHANGED("user.role_changed"),
    USER_DISABLED("user.disabled"),
    USER_ENABLED("user.enabled"),
    USER_PASSWORD_RESET("user.password_reset"),
    USER_PASSWORD_CHANGED("user.password_changed"),
    USER_DELETED("user.deleted"),
    API_TOKEN_CREATED("api_token.created"),
    API_TOKEN_REVOKED("api_token.revoked"),
    CUSTOMER_CREATED("customer.created"),
    CUSTOMER_UPDATED("customer.updated"),
    CUSTOMER_DELETED("customer.deleted"),
    CUSTOMER_GITHUB_TOKEN_SET("customer.github_token_set"),
    CUSTOMER_GITHUB_TOKEN_DELETED("customer.github_token_deleted"),
    INTEGRATION_CHANGED("integration.changed"),
    INTEGRATION_DELETED("integration.deleted");

    private final String value;

    AuditAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
