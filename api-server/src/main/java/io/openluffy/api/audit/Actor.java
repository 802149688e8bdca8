package io.openluffy.api.audit;

import java.util.UUID;

/** Who performed an audited action. */
public record Actor(UUID id, String email) {
}
