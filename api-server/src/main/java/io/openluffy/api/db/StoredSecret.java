package io.openluffy.api.db;

import io.openluffy.api.crypto.Sealed;

import java.time.Instant;

/** A row of {@code secrets}. */
public record StoredSecret(String binding, Sealed sealed, Instant updatedAt) {
}
