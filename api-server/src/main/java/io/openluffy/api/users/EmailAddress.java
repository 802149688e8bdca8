package io.openluffy.api.users;

import io.openluffy.api.errors.InvalidInputException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one canonical form of an e-mail address, stored and compared everywhere (accounts, login, throttling).
 * Following RFC 8265's approach for identifiers: width and compatibility forms are folded (NFKC: fullwidth letters,
 * a no-break space), case is folded, outer spaces and the DNS root's trailing dot go. What is left must be printable
 * ASCII: control, format and bidi characters (zero-width space, right-to-left override) and letters of other
 * scripts (a Cyrillic "а" for a Latin "a") would let an account look exactly like another in every list.
 */
public final class EmailAddress {
    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7e&&[^@]]+@[\\x21-\\x7e&&[^@]]+");

    private EmailAddress() {
    }

    /** The canonical form; refuses (400) what has none. */
    public static String canonical(String raw) {
        return parse(raw).orElseThrow(() -> new InvalidInputException(
                "email must be a valid e-mail address such as name@example.com: ASCII letters, without control, "
                        + "format or lookalike characters"));
    }

    /** The canonical form, or empty when there is none (no account can have such an address). */
    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (email.endsWith(".")) {
            email = email.substring(0, email.length() - 1);
        }
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches() || email.endsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(email);
    }
}
