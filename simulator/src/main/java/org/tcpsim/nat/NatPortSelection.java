package org.tcpsim.nat;

import java.util.Locale;

/** How masquerade picks the public source port (iptables MASQUERADE --random / --random-fully). */
public enum NatPortSelection {
    /** Keep the private source port when that tuple is free, else search from a random offset. */
    PRESERVE,
    /** NF_NAT_RANGE_PROTO_RANDOM: always search from a random offset. */
    RANDOM,
    /** NF_NAT_RANGE_PROTO_RANDOM_FULLY: the same search; in 6.x both flags take get_random_u16() offsets. */
    FULLY_RANDOM;

    public String jsonName() {
        return switch (this) {
            case PRESERVE -> "preserve";
            case RANDOM -> "random";
            case FULLY_RANDOM -> "fully-random";
        };
    }

    public static NatPortSelection parse(String text) {
        for (NatPortSelection s : values()) {
            if (s.jsonName().equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected \"preserve\", \"random\" or \"fully-random\", got \"" + text + "\"");
    }
}
