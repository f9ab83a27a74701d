package org.tcpsim.net;

import java.util.Locale;

/** What a topology node is, as named in JSON. */
public enum NodeKind {
    HOST, ROUTER, NAT;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
