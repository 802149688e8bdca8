package io.openluffy.operator.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;

/** The forms a secret value can leak in: as it is, base64 (how a logged Secret object shows it), URL-encoded. */
public final class SecretForms {

  private SecretForms() {
  }

  public static List<String> of(String plain) {
    var forms = new LinkedHashSet<String>();
    forms.add(plain);
    forms.add(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    forms.add(URLEncoder.encode(plain, StandardCharsets.UTF_8));
    return List.copyOf(forms);
  }
}
