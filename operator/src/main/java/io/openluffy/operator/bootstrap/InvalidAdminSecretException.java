package io.openluffy.operator.bootstrap;

/** A required key of the admin Secret is missing, empty or not base64; the message names the key, never a value. */
public class InvalidAdminSecretException extends RuntimeException {

  private final String key;

  public InvalidAdminSecretException(String key) {
    super("key '" + key + "' is missing or empty");
    this.key = key;
  }

  public String key() {
    return key;
  }
}
