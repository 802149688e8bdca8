package io.openluffy.operator.dependent;

import java.security.SecureRandom;
import java.util.Base64;

/** Random key material for the generated Secrets. */
final class GeneratedSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedSecrets() {
  }

  /** {@code bytes} random bytes, standard Base64. */
  static String randomBase64(int bytes) {
    byte[] key = new byte[bytes];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** A Base64 value for Secret.data whose decoded form is itself {@code bytes} random bytes, Base64-encoded. */
  static String secretData(int bytes) {
    return Base64.getEncoder().encodeToString(randomBase64(bytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  static String base64(String plain) {
    return Base64.getEncoder().encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
