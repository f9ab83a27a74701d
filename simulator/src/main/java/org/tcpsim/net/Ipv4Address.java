package org.tcpsim.net;

/** IPv4 addresses as the int the wire carries; text form "10.0.0.1" only at the edges. */
public final class Ipv4Address {
    private Ipv4Address() {
    }

    /** Parses dotted-quad text; throws IllegalArgumentException with what was expected. */
    public static int parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected an IPv4 address like \"10.0.0.1\", got \"" + text + "\"");
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("expected an IPv4 address like \"10.0.0.1\", got \"" + text + "\"");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("IPv4 octet " + octet + " is above 255 in \"" + text + "\"");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
                + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
}
