package io.openluffy.api.integrations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which targets an integration may reach: names and odd spellings are resolved before they are judged. */
class OutboundAddressesTest {
    private final OutboundAddresses publicOnly = new OutboundAddresses(false);

    @Test
    void loopbackPrivateLinkLocalAndUnspecifiedAreRefused() {
        for (String host : new String[]{"127.0.0.1", "[::1]", "::1", "localhost", "0", "0.0.0.0", "2130706433",
                "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "fd00::1",
                "fe80::1", "::ffff:127.0.0.1", "::"}) {
            assertThat(publicOnly.check(host)).as(host).isEqualTo(OutboundAddresses.Verdict.PRIVATE);
        }
    }

    @Test
    void publicAddressesAreAllowedAndPrivateOnesOnlyWhenConfigured() {
        assertThat(publicOnly.check("93.184.216.34")).isEqualTo(OutboundAddresses.Verdict.ALLOWED);
        assertThat(publicOnly.check("2606:2800:220:1:248:1893:25c8:1946")).isEqualTo(OutboundAddresses.Verdict.ALLOWED);
        assertThat(new OutboundAddresses(true).check("127.0.0.1")).isEqualTo(OutboundAddresses.Verdict.ALLOWED);
        assertThat(publicOnly.check("no-such-host.invalid")).isEqualTo(OutboundAddresses.Verdict.UNRESOLVED);
    }
}
