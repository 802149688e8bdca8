package io.openluffy.api.integrations;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which hosts this server may send an integration's token to. By default only public addresses: otherwise an admin
 * (or a stolen admin token) could aim the connection test at the server's own loopback services, the cloud metadata
 * endpoint or the cluster network and learn from the answers what runs there.
 */
public final class OutboundAddresses {
    private final boolean allowPrivate;

    /** {@code allowPrivate}: also loopback, link-local and private ranges (an in-cluster Argo CD). */
    public OutboundAddresses(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * Resolves {@code host} and checks every address it has. The JDK caches the answer (30 s), so the connection
     * made right after uses the addresses checked here.
     */
    public Verdict check(String host) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Verdict.UNRESOLVED;
        }
        if (!allowPrivate && !addresses.stream().allMatch(OutboundAddresses::isPublic)) {
            return Verdict.PRIVATE;
        }
        return Verdict.ALLOWED;
    }

    /** What {@link #check(String)} found. */
    public enum Verdict { ALLOWED, PRIVATE, UNRESOLVED }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 ("this network") and 100.64.0.0/10 (carrier-grade NAT, also used by some cluster networks)
            return first != 0 && !(first == 100 && second >= 64 && second < 128);
        }
        // fc00::/7, unique local addresses: IPv6's private ranges, which the JDK predicates above do not cover
        return !(a instanceof Inet6Address) || (b[0] & 0xfe) != 0xfc;
    }
}
