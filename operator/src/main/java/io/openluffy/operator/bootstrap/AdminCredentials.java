package io.openluffy.operator.bootstrap;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The first admin as read from the user's Secret. {@link #toString()} leaves the password out, so the credentials
 * can never end up in a log line or an exception message by accident.
 */
public record AdminCredentials(String email, String password, String firstName, String lastName) {

  public static final String EMAIL = "email";
  public static final String PASSWORD = "password";
  public static final String FIRST_NAME = "first_name";
  public static final String LAST_NAME = "last_name";

  /**
   * Reads keys {@code email} and {@code password} (required) and {@code first_name}, {@code last_name} (optional).
   *
   * @throws InvalidAdminSecretException naming the first required key that is missing or empty
   */
  public static AdminCredentials fromSecret(Secret secret) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    return new AdminCredentials(required(data, EMAIL), required(data, PASSWORD), optional(data, FIRST_NAME),
        optional(data, LAST_NAME));
  }

  private static String required(Map<String, String> data, String key) {
    String value = optional(data, key);
    if (value == null) {
      throw new InvalidAdminSecretException(key);
    }
    return value;
  }

  private static String optional(Map<String, String> data, String key) {
    String encoded = data.get(key);
    if (encoded == null) {
      return null;
    }
    String value;
    try {
      value = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidAdminSecretException(key);
    }
    // Trailing newlines come with `echo ... | base64`; never part of an email or a password typed at login.
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  @Override
  public String toString() {
    return "AdminCredentials[email=" + email + ", password=(redacted)]";
  }
}
