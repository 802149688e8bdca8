package io.openluffy.operator.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Syntax check of IPv4/IPv6 CIDRs as NetworkPolicy ipBlock accepts them (spec fields, the operator's DNS). */
public final class Cidrs {

  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("([0-9a-fA-F:]*:[0-9a-fA-F:]*)/(12[0-8]|1[01]\\d|[1-9]?\\d)");

  private Cidrs() {
  }

  public static boolean isValid(String cidr) {
    if (cidr == null) {
      return false;
    }
    var v6 = IPV6.matcher(cidr);
    return IPV4.matcher(cidr).matches() || v6.matches() && isIpv6Literal(v6.group(1));
  }

  /**
   * The JDK's own IPv6 parser, for what the pattern lets through (":::", too many groups). Bracketed, a string of
   * hex digits and colons is parsed as a literal or refused; it is never looked up in DNS.
   */
  private static boolean isIpv6Literal(String address) {
    try {
      return InetAddress.getByName("[" + address + "]") instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
