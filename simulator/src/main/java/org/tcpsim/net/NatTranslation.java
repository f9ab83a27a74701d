package org.tcpsim.net;

import java.util.Map;

/**
 * What a NAT gateway does to the packets it forwards (netfilter conntrack + nf_nat), kept behind
 * an interface so that net knows nothing of conntrack.
 */
public interface NatTranslation {
    /** Why a packet was not translated. */
    enum Verdict {
        /** Translated (or left alone because it needs no translation): forward it. */
        ACCEPT,
        /** The conntrack table was full and nothing could be evicted (nf_conntrack: table full, dropping packet). */
        DROP_TABLE_FULL,
        /** No free public port for a new flow (nf_conntrack_confirm's insert_failed). */
        DROP_NO_PORT,
        /**
         * Matches no mapping and cannot start one: a packet to the public address of no known flow,
         * or a FIN / RST from inside that conntrack would call INVALID (tcp_new).
         */
        DROP_UNMATCHED
    }

    /** A packet from the private side leaving through the gateway: source NAT (POSTROUTING masquerade). */
    Verdict outbound(Packet p, long now);

    /** A packet addressed to a public address of the gateway: the reply direction's reverse mapping. */
    Verdict inbound(Packet p, long now);

    /** Counters for counters.csv, in a stable order. */
    Map<String, Long> counters();

    /** Gauges for timeseries.csv (table size, entries by state), in a stable order. */
    Map<String, Long> gauges();
}
