package org.tcpsim.tcp;

/**
 * The PAWS test both a connection and a timewait sock apply to an arriving timestamp (RFC 7323;
 * Linux: include/net/tcp.h, tcp_paws_check).
 */
final class Paws {
    /** TCP_PAWS_WRAP: a ts_recent older than INT_MAX / 1000 s (24.8 days) no longer protects anything. */
    private static final long WRAP_MS = Integer.MAX_VALUE / 1000 * 1000L;

    private Paws() {
    }

    /**
     * tcp_paws_check: {@code tsVal} is at most {@code window} ticks older than ts_recent, or
     * ts_recent is unset (0) or too old to compare with.
     */
    static boolean check(int tsRecent, long tsRecentStampMs, int tsVal, int window, long nowMs) {
        return tsRecent - tsVal <= window || tsRecent == 0 || nowMs - tsRecentStampMs >= WRAP_MS;
    }
}
