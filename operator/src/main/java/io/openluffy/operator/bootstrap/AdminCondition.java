package io.openluffy.operator.bootstrap;

import io.openluffy.operator.crd.ConditionReason;
import java.time.Duration;

/**
 * The {@code AdminBootstrapped} condition for each situation of the bootstrap step: a reason a program can match
 * and a message that tells a person what happened and what to do. Messages name the Secret and keys, never values
 * other than the email.
 *
 * @param bootstrapped the condition's status
 */
public record AdminCondition(boolean bootstrapped, String reason, String message) {

  public static AdminCondition waitingForApiServer(AdminSecretLocation secret) {
    return new AdminCondition(false, ConditionReason.AdminBootstrapped.WAITING_FOR_API_SERVER,
        "Waiting for an available API server before creating the first admin from Secret " + secret);
  }

  /** Also for a Secret without the opt-in label: the operator cannot tell the two apart, as it never reads it. */
  public static AdminCondition secretNotFound(AdminSecretLocation secret, String optInLabel) {
    return new AdminCondition(false, ConditionReason.AdminBootstrapped.SECRET_NOT_FOUND,
        "Secret " + secret + " not found, or not labelled "
        + optInLabel + ". Create it with keys email and password (first_name and last_name optional) and that "
        + "label; the operator notices it without any change to this instance");
  }

  public static AdminCondition secretInvalid(AdminSecretLocation secret, String key) {
    return new AdminCondition(false, ConditionReason.AdminBootstrapped.SECRET_INVALID,
        "Secret " + secret + ": key '" + key
        + "' is missing or empty. Set it; the operator retries as soon as the Secret changes");
  }

  public static AdminCondition created(AdminSecretLocation secret, String email) {
    return new AdminCondition(true, ConditionReason.AdminBootstrapped.CREATED,
        "Created the first admin " + email + " from Secret " + secret
        + "; log in with that Secret's email and password. Later changes to the Secret do not change the admin");
  }

  public static AdminCondition alreadyInitialized(AdminSecretLocation secret) {
    return new AdminCondition(true, ConditionReason.AdminBootstrapped.ALREADY_INITIALIZED,
        "The API server already has users, so no admin was created "
        + "from Secret " + secret + " (normal after an operator restart, a re-apply or a restore of the database)");
  }

  public static AdminCondition unreachable(String detail, Duration retryIn) {
    return new AdminCondition(false, ConditionReason.AdminBootstrapped.API_SERVER_UNREACHABLE,
        "Cannot create the first admin yet: " + detail
        + ". Retrying in " + retryIn.toSeconds() + "s");
  }

  public static AdminCondition rejected(AdminSecretLocation secret, String detail) {
    return new AdminCondition(false, ConditionReason.AdminBootstrapped.REJECTED,
        "The API server refused the admin from Secret " + secret + " ("
        + detail + "). Fix the Secret; the operator retries as soon as it changes");
  }
}
