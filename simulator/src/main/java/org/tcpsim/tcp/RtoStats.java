package org.tcpsim.tcp;

/**
 * The RTO accounting tcp_info reports since 6.7 (tcpi_total_rto, tcpi_total_rto_recoveries,
 * tcpi_total_rto_time): tcp_update_rto_stats counts each retransmission timeout, and the first of a
 * run (icsk_retransmits still 0) starts a recovery and its clock (rto_stamp, in ms);
 * tcp_update_rto_time adds the clock's time to the total when an ACK ends Loss. Allocated at a
 * socket's first timeout (most connections never have one).
 */
final class RtoStats {
    /** tp->total_rto: retransmission timeouts. */
    int total;
    /** tp->total_rto_recoveries: runs of timeouts that each began with icsk_retransmits 0. */
    int recoveries;
    /** tp->total_rto_time: ms spent in finished runs. */
    long timeMs;
    /** tp->rto_stamp: when the running one began (ms), 0 for none. */
    long stampMs;

    /** tcp_update_rto_stats, before icsk_retransmits is incremented; returns the stats (allocated if null). */
    static RtoStats update(RtoStats s, int retransmits, long nowNs) {
        RtoStats r = s != null ? s : new RtoStats();
        if (retransmits == 0) {
            r.recoveries++;
            r.stampMs = Math.max(1, nowNs / 1_000_000L); // tcp_time_stamp_ms; 0 means "none"
        }
        r.total++;
        return r;
    }

    /** tcp_update_rto_time: the running recovery's time joins the total. */
    static void updateTime(RtoStats s, long nowNs) {
        if (s != null && s.stampMs != 0) {
            s.timeMs += nowNs / 1_000_000L - s.stampMs;
            s.stampMs = 0;
        }
    }

    /** tcpi_total_rto_time: the finished runs' time, and the running one's so far (tcp_get_info). */
    long timeMs(long nowNs) {
        return timeMs + (stampMs != 0 ? nowNs / 1_000_000L - stampMs : 0);
    }
}
