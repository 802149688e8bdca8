package io.openluffy.operator.config;

import java.util.regex.Pattern;

/** Syntax check of IPv4/IPv6 CIDRs as NetworkPolicy ipBlock accepts them (spec fields, the operator's DNS). */
public final class Cidrs {

  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");

  private Cidrs() {
  }

  public static boolean isValid(String cidr) {
    return cidr != null && (IPV4.matcher(cidr).matches() || IPV6.matcher(cidr).matches());
  }
}
