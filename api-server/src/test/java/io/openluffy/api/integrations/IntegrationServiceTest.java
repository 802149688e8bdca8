package io.openluffy.api.integrations;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** URL rules that need no database: they are checked before anything is read or stored. */
class IntegrationServiceTest {
    private final Actor admin = new Actor(UUID.randomUUID(), "admin@yourcompany.com");

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        IntegrationService strict = new IntegrationService(null, null, null, false);
        assertThatThrownBy(() -> strict.putArgoCd(admin, new ArgoCdSettings("http://argocd.local", "t", false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OPENLUFFY_ALLOW_INSECURE_INTEGRATIONS");
    }

    @Test
    void queryAndFragmentAreRefused() {
        IntegrationService strict = new IntegrationService(null, null, null, false);
        assertThatThrownBy(() -> strict.putArgoCd(admin, new ArgoCdSettings("https://argocd.local/?a=b", "t", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("without credentials, query");
        assertThatThrownBy(() -> strict.putArgoCd(admin, new ArgoCdSettings("https:///nohost", "t", false)))
                .isInstanceOf(InvalidInputException.class);
    }
}
