package org.tcpsim.tcp;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-peer timestamp memory of tcp_metrics that tcp_tw_recycle used (Linux 4.9:
 * tcp_remember_stamp, tcp_peer_is_proven with paws_check). Keyed by the peer's address only, not
 * its port: which is why clients behind one NAT address, each with its own timestamp clock, have
 * their SYNs rejected (PAWSPassive).
 */
final class PeerTimestamps {
    /** TCP_PAWS_MSL: a cached timestamp counts for 60 s. */
    static final long PAWS_MSL_S = 60;
    /** TCP_PAWS_WINDOW. */
    static final int PAWS_WINDOW = 1;

    private static final class Entry {
        int ts;
        long stampS;
    }

    private final Map<Integer, Entry> byPeer = new HashMap<>();

    /**
     * Records the peer's last TSval as a connection enters TIME_WAIT: kept when not older than the
     * cached one, or when the cached one is stale (tcp_remember_stamp). Returns true: an entry exists.
     */
    boolean remember(int peer, int tsRecent, long now) {
        long nowS = now / 1_000_000_000L;
        Entry e = byPeer.computeIfAbsent(peer, k -> {
            Entry fresh = new Entry();
            fresh.ts = tsRecent;
            fresh.stampS = nowS;
            return fresh;
        });
        if (e.ts - tsRecent <= 0 || nowS - e.stampS > PAWS_MSL_S) {
            e.ts = tsRecent;
            e.stampS = nowS;
        }
        return true;
    }

    /** The 4.9 passive PAWS check of a fresh SYN: true to reject it (PAWSPassive). */
    boolean rejects(int peer, boolean synHasTimestamp, int synTsVal, long now) {
        Entry e = byPeer.get(peer);
        if (e == null) {
            return false;
        }
        long nowS = now / 1_000_000_000L;
        return nowS - e.stampS < PAWS_MSL_S && (!synHasTimestamp || e.ts - synTsVal > PAWS_WINDOW);
    }
}
