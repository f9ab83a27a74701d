package org.tcpsim.tcp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tcpsim.kernel.KernelVersion;

/**
 * getsockopt(TCP_INFO) of a socket: the fields of struct tcp_info the model has, named and
 * computed as tcp_get_info() fills them (net/ipv4/tcp.c). A field the model does not keep is
 * absent, never made up.
 */
public final class TcpInfo {
    /** TCP_INFINITE_SSTHRESH, what tcpi_snd_ssthresh shows before the first reduction. */
    public static final long INFINITE_SSTHRESH = 0x7fffffffL;

    private TcpInfo() {
    }

    /** The Linux value of tcpi_state (include/net/tcp_states.h). */
    static int linuxState(TcpState s) {
        return switch (s) {
            case ESTABLISHED -> 1;
            case SYN_SENT -> 2;
            case SYN_RECV -> 3;
            case FIN_WAIT1 -> 4;
            case FIN_WAIT2 -> 5;
            case TIME_WAIT -> 6;
            case CLOSED -> 7;
            case CLOSE_WAIT -> 8;
            case LAST_ACK -> 9;
            case LISTEN -> 10;
            case CLOSING -> 11;
        };
    }

    /** The fields of {@code s}'s tcp_info at {@code now}, by their C names (tcpi_snd_cwnd, ...). */
    public static Map<String, Long> of(TcpSocket s, long now) {
        TcpSender snd = s.snd;
        Map<String, Long> m = new LinkedHashMap<>();
        // a connection that went to TIME_WAIT lives on as a timewait sock; the socket a descriptor
        // still holds was closed by tcp_time_wait (tcp_done): TCP_CLOSE
        m.put("tcpi_state", (long) linuxState(s.state == TcpState.TIME_WAIT ? TcpState.CLOSED : s.state));
        m.put("tcpi_ca_state", (long) snd.caState.ordinal());
        m.put("tcpi_retransmits", (long) snd.retransmits);
        int probes = snd.probe0.probesOut();
        if (probes == 0 && s.keepalive != null) {
            probes = s.keepalive.probesOut();
        }
        m.put("tcpi_probes", (long) probes); // icsk_probes_out: zero-window and keepalive probes share it
        // icsk_backoff: the RTO's doublings, or the zero-window probe's while probing (tcp_send_probe0)
        m.put("tcpi_backoff", (long) (snd.probe0.probesOut() > 0 ? snd.probe0.backoff() : snd.rtt.backoffs()));
        m.put("tcpi_rto", snd.rtt.rtoUs());
        m.put("tcpi_snd_mss", (long) snd.mss);
        m.put("tcpi_rcv_mss", (long) s.rcv.rcvMss);
        m.put("tcpi_unacked", (long) snd.rtx.packetsOut);
        m.put("tcpi_sacked", (long) snd.rtx.sackedOut);
        m.put("tcpi_lost", (long) snd.rtx.lostOut);
        m.put("tcpi_retrans", (long) snd.rtx.retransOut);
        m.put("tcpi_rtt", snd.rtt.srttUs());
        m.put("tcpi_rttvar", snd.rtt.rttvarUs());
        m.put("tcpi_snd_ssthresh", snd.ssthresh == TcpSender.INFINITE_SSTHRESH ? INFINITE_SSTHRESH
                : (long) snd.ssthresh);
        m.put("tcpi_snd_cwnd", (long) snd.cwnd);
        // tp->advmss loses the timestamp option once agreed, on both sides (tcp_rcv_synsent_state_process;
        // a passive child measured on 6.18.44: 1188 for TCP_MAXSEG 1200 with timestamps)
        m.put("tcpi_advmss", (long) (s.advmss - (s.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0)));
        m.put("tcpi_total_retrans", snd.totalRetrans);
        m.put("tcpi_reordering", (long) snd.reordering);
        m.put("tcpi_last_data_recv", (now - s.rcv.ack.lastReceivedNs()) / 1_000_000L); // jiffies_to_msecs
        long minRtt = snd.rttMin.get();
        m.put("tcpi_min_rtt", minRtt == 0 ? 0xffffffffL : minRtt); // tcp_min_rtt(): ~0U with no sample
        m.put("tcpi_bytes_acked", snd.bytesAcked);
        // sk_pacing_rate (bytes per second); ~0UL (no rate yet) would be 2^64 - 1, which a long
        // cannot hold: the field is then left out
        if (snd.pacing.rate != Pacing.UNLIMITED) {
            m.put("tcpi_pacing_rate", snd.pacing.rate);
        }
        m.put("tcpi_snd_wnd", (long) snd.sndWnd);
        m.put("tcpi_rcv_wscale", (long) s.rcv.wscale);
        m.put("tcpi_snd_wscale", (long) snd.sndWscale);
        // tcp_get_info: TCPI_OPT_TIMESTAMPS 1, TCPI_OPT_SACK 2, TCPI_OPT_WSCALE 4 (ECN, SYN data,
        // usec timestamps and TFO, the other bits, are not modelled)
        m.put("tcpi_options", (long) ((s.timestamps ? 1 : 0) | (snd.sack ? 2 : 0) | (s.wscaleOk ? 4 : 0)));
        m.put("tcpi_reord_seen", (long) snd.rack.reordSeen);
        // tcp_get_info_chrono_stats: busy time includes the limited times
        m.put("tcpi_busy_time", s.busyTimeUs(now));
        m.put("tcpi_rwnd_limited", s.rwndLimitedUs(now));
        m.put("tcpi_sndbuf_limited", s.sndbufLimitedUs(now));
        if (s.stack.kernel != KernelVersion.V4_9) {
            // 6.7+: the RTO accounting (tcp_get_info adds the running recovery's time so far)
            RtoStats rto = snd.rtoStats;
            m.put("tcpi_total_rto", rto == null ? 0L : rto.total);
            m.put("tcpi_total_rto_recoveries", rto == null ? 0L : rto.recoveries);
            m.put("tcpi_total_rto_time", rto == null ? 0L : rto.timeMs(now));
        }
        return m;
    }
}
