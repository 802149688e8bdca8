package io.openluffy.operator.bootstrap;

import java.time.Duration;

/**
 * The {@code AdminBootstrapped} condition for each situation of the bootstrap step: a reason a program can match
 * and a message that tells a person what happened and what to do. Messages name the Secret and keys, never values
 * other than the email.
 *
 * @param bootstrapped the condition's status
 */
public record AdminCondition(boolean bootstrapped, String reason, String message) {

  public static final String CREATED = "Created";
  public static final String ALREADY_INITIALIZED = "AlreadyInitialized";
  public static final String WAITING_FOR_API_SERVER = "WaitingForApiServer";
  public static final String SECRET_NOT_FOUND = "AdminSecretNotFound";
  public static final String SECRET_NOT_ALLOWED = "AdminSecretNotAllowed";
  public static final String SECRET_INVALID = "AdminSecretInvalid";
  public static final String API_SERVER_UNREACHABLE = "ApiServerUnreachable";
  public static final String REJECTED = "AdminRejected";

  public static AdminCondition waitingForApiServer(AdminSecretLocation secret) {
    return new AdminCondition(false, WAITING_FOR_API_SERVER,
        "Waiting for an available API server before creating the first admin from Secret " + secret);
  }

  /** Also for a Secret without the opt-in label: the operator cannot tell the two apart, as it never reads it. */
  public static AdminCondition secretNotFound(AdminSecretLocation secret, String optInLabel) {
    return new AdminCondition(false, SECRET_NOT_FOUND, "Secret " + secret + " not found, or not labelled "
        + optInLabel + ". Create it with keys email and password (first_name and last_name optional) and that "
        + "label; the operator notices it without any change to this instance");
  }

  public static AdminCondition secretInvalid(AdminSecretLocation secret, String key) {
    return new AdminCondition(false, SECRET_INVALID, "Secret " + secret + ": key '" + key
        + "' is missing or empty. Set it; the operator retries as soon as the Secret changes");
  }

  public static AdminCondition created(AdminSecretLocation secret, String email) {
    return new AdminCondition(true, CREATED, "Created the first admin " + email + " from Secret " + secret
        + "; log in with that Secret's email and password. Later changes to the Secret do not change the admin");
  }

  public static AdminCondition alreadyInitialized(AdminSecretLocation secret) {
    return new AdminCondition(true, ALREADY_INITIALIZED, "The API server already has users, so no admin was created "
        + "from Secret " + secret + " (normal after an operator restart, a re-apply or a restore of the database)");
  }

  public static AdminCondition unreachable(String detail, Duration retryIn) {
    return new AdminCondition(false, API_SERVER_UNREACHABLE, "Cannot create the first admin yet: " + detail
        + ". Retrying in " + retryIn.toSeconds() + "s");
  }

  public static AdminCondition rejected(AdminSecretLocation secret, String detail) {
    return new AdminCondition(false, REJECTED, "The API server refused the admin from Secret " + secret + " ("
        + detail + "). Fix the Secret; the operator retries as soon as it changes");
  }
}
