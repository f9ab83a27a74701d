package org.tcpsim.kernel;

import static org.tcpsim.kernel.KernelVersion.V4_9;
import static org.tcpsim.kernel.KernelVersion.V6_18;
import static org.tcpsim.kernel.SpecBuilder.INT_MAX;
import static org.tcpsim.kernel.SpecBuilder.INT_MIN;
import static org.tcpsim.kernel.SpecBuilder.JIFFY_SECONDS_MAX;
import static org.tcpsim.kernel.SpecBuilder.U8_MAX;
import static org.tcpsim.kernel.SpecBuilder.ULONG_MAX;
import static org.tcpsim.kernel.SpecBuilder.bool;
import static org.tcpsim.kernel.SpecBuilder.choice;
import static org.tcpsim.kernel.SpecBuilder.integer;
import static org.tcpsim.kernel.SpecBuilder.text;
import static org.tcpsim.kernel.SpecBuilder.vector;
import static org.tcpsim.kernel.SysctlNames.*;

import java.util.List;

/**
 * The net.ipv4.tcp_* knobs. Ranges follow the proc handlers: on 6.18 most switches are u8
 * (proc_dou8vec_minmax, 0-255 unless bounded), on 4.9 plain ints (proc_dointvec, any int).
 * Sources: 6.18 net/ipv4/tcp_ipv4.c: tcp_sk_init and net/ipv4/sysctl_net_ipv4.c; 4.9 tcp.c: tcp_init.
 */
final class TcpSysctlSpecs {
    private TcpSysctlSpecs() {
    }

    /** A u8 switch on 6.18 that was a plain int on 4.9, same default on both. */
    private static SpecBuilder u8(SpecBuilder b, String def) {
        return b.on(V6_18, def, 0, U8_MAX).on(V4_9, def, INT_MIN, INT_MAX);
    }

    private static SpecBuilder seconds(SpecBuilder b, String def) {
        return b.unit("seconds").on(V6_18, def, -JIFFY_SECONDS_MAX, JIFFY_SECONDS_MAX)
                .on(V4_9, def, -JIFFY_SECONDS_MAX, JIFFY_SECONDS_MAX);
    }

    static List<SysctlSpec> all() {
        return List.of(
            // TIME_WAIT
            integer(TCP_TW_REUSE).doc("Let connect() take over a TIME_WAIT 4-tuple when timestamps make it safe: "
                    + "0 off, 1 on, 2 loopback only; default 2 (tcp_sk_init; tcp_ipv4.c: tcp_twsk_unique), "
                    + "4.9: boolean, default 0")
                .on(V6_18, "2", 0, 2, "0 = off, 1 = on, 2 = loopback only")
                .on(V4_9, "0", INT_MIN, INT_MAX, "any non-zero value enables reuse").build(),
            integer(TCP_TW_REUSE_DELAY).unit("milliseconds").history("added after 4.9")
                .doc("Minimum age of a TIME_WAIT socket's last timestamp before tcp_tw_reuse may take it over; "
                    + "default 1000 (tcp_sk_init; tcp_twsk_unique); not on 4.9 (there: 1-2 s)")
                .on(V6_18, "1000", 1, 60000, "at most TCP_PAWS_MSL = 60 s").build(),
            bool(TCP_TW_RECYCLE).history("removed in 4.12")
                .doc("Legacy fast TIME_WAIT recycling with a per-peer-IP timestamp check on SYNs, which breaks "
                    + "clients behind NAT; default 0 (4.9 tcp_minisocks.c: tcp_time_wait; tcp_metrics.c)")
                .on(V4_9, "0", INT_MIN, INT_MAX).build(),
            integer(TCP_MAX_TW_BUCKETS).unit("sockets")
                .doc("System-wide TIME_WAIT limit; past it sockets close without TIME_WAIT (TCPTimeWaitOverflow); "
                    + "default ehash_entries/2, RAM-derived, 16 GiB if unstated "
                    + "(tcp_ipv4.c: tcp_set_hashinfo; 4.9 tcp.c: tcp_init)")
                .onMemory(V6_18, m -> Long.toString(m.tcpMaxTwBuckets()), "ehash_entries/2", INT_MIN, INT_MAX)
                .onMemory(V4_9, m -> Long.toString(m.tcpMaxTwBuckets()), "ehash_entries/2", INT_MIN, INT_MAX)
                .build(),
            u8(bool(TCP_RFC1337), "0")
                .doc("1 = an RST no longer kills a TIME_WAIT socket (RFC 1337); default 0 "
                    + "(tcp_minisocks.c: tcp_timewait_state_process)").build(),

            // options
            integer(TCP_TIMESTAMPS)
                .doc("RFC 7323 timestamps: 0 off, 1 on with a random per-connection offset, 2 on without offset; "
                    + "default 1 (tcp_sk_init); 4.9 never uses offsets")
                .on(V6_18, "1", 0, U8_MAX, "0 = off, 1 = on with offsets, 2 = on without offsets")
                .on(V4_9, "1", INT_MIN, INT_MAX).build(),
            u8(bool(TCP_SACK), "1").doc("Selective acknowledgements (RFC 2018); default 1 (tcp_sk_init)").build(),
            integer(TCP_COMP_SACK_DELAY_NS).unit("nanoseconds").history("added after 4.9")
                .doc("Longest wait of a compressed SACK (out-of-order data after three immediate duplicate ACKs); "
                    + "the wait is min(this, srtt / 20); default 1000000 (tcp_sk_init; tcp_input.c: __tcp_ack_snd_check)")
                .on(V6_18, "1000000", 0, INT_MAX).build(),
            integer(TCP_COMP_SACK_NR).unit("ACKs").history("added after 4.9")
                .doc("ACKs that SACK compression may fold into one; 0 turns it off; default 44 (tcp_sk_init)")
                .on(V6_18, "44", 0, 255).build(),
            u8(bool(TCP_DSACK), "1").doc("Duplicate-SACK reports (RFC 2883); default 1 (tcp_sk_init)").build(),
            u8(bool(TCP_RETRANS_COLLAPSE), "1")
                .doc("A retransmitted skb shorter than an MSS takes in the small skbs after it, up to one MSS "
                    + "(tcp_output.c: tcp_retrans_try_collapse); default 1 (tcp_sk_init)").build(),
            u8(bool(TCP_WINDOW_SCALING), "1").doc("Window scaling (RFC 7323); default 1 (tcp_sk_init)").build(),
            integer(TCP_ECN)
                .doc("ECN: 0 off, 1 request and accept, 2 accept only (3-5: AccECN modes on 6.18); default 2 "
                    + "(TCP_ECN_IN_ECN_OUT_NOECN, tcp_sk_init)")
                .on(V6_18, "2", 0, 5, "0 = off, 1 = on, 2 = accept only, 3-5 = AccECN modes")
                .on(V4_9, "2", INT_MIN, INT_MAX).build(),

            // handshake and listen queues
            integer(TCP_SYNCOOKIES)
                .doc("SYN cookies: 0 never, 1 when the SYN queue overflows, 2 always; default 1 "
                    + "(tcp_sk_init; tcp_input.c: tcp_conn_request, tcp_syn_flood_action)")
                .on(V6_18, "1", 0, U8_MAX, "0 = off, 1 = on overflow, 2 = always; 3-255 act like 1")
                .on(V4_9, "1", INT_MIN, INT_MAX).build(),
            integer(TCP_MAX_SYN_BACKLOG).unit("requests")
                .doc("With syncookies off, SYNs from unproven peers are dropped once the SYN queue passes 3/4 of "
                    + "this; default max(128, ehash_entries/128), 4.9: /256, RAM-derived, 16 GiB if unstated "
                    + "(tcp_set_hashinfo)")
                .onMemory(V6_18, m -> Long.toString(m.tcpMaxSynBacklog(V6_18)), "max(128, ehash_entries/128)",
                    INT_MIN, INT_MAX)
                .onMemory(V4_9, m -> Long.toString(m.tcpMaxSynBacklog(V4_9)), "max(128, ehash_entries/256)",
                    INT_MIN, INT_MAX).build(),
            u8(bool(TCP_ABORT_ON_OVERFLOW), "0")
                .doc("1 = reset a handshake whose final ACK finds the accept queue full; 0 = drop the ACK and let "
                    + "SYN-ACK retransmissions retry; default 0 (tcp_minisocks.c: tcp_check_req)").build(),
            integer(TCP_SYN_RETRIES).unit("retransmissions")
                .doc("SYN retransmissions before connect() fails with ETIMEDOUT; default 6 "
                    + "(TCP_SYN_RETRIES, tcp_sk_init; tcp_timer.c: tcp_write_timeout)")
                .on(V6_18, "6", 1, 127, "MAX_TCP_SYNCNT = 127").on(V4_9, "6", 1, 127, "MAX_TCP_SYNCNT = 127").build(),
            integer(TCP_SYNACK_RETRIES).unit("retransmissions")
                .doc("SYN-ACK retransmissions before a pending request is dropped; default 5 "
                    + "(TCP_SYNACK_RETRIES, tcp_sk_init; inet_connection_sock.c: reqsk_timer_handler)")
                .on(V6_18, "5", 0, U8_MAX).on(V4_9, "5", INT_MIN, INT_MAX).build(),
            integer(TCP_SYN_LINEAR_TIMEOUTS).unit("retransmissions").history("added in 6.5")
                .doc("Extra SYN retransmissions sent at the initial 1 s RTO before exponential backoff; default 4 "
                    + "(tcp_sk_init; tcp_timer.c: tcp_retransmit_timer)")
                .on(V6_18, "4", 0, 127, "MAX_TCP_SYNCNT = 127").build(),

            // retransmission, timers, close
            integer(TCP_RETRIES1).unit("retransmissions")
                .doc("Retransmissions after which the route and PMTU are re-checked (no abort); default 3 "
                    + "(TCP_RETR1, tcp_sk_init; tcp_timer.c: tcp_write_timeout)")
                .on(V6_18, "3", 0, 255).on(V4_9, "3", INT_MIN, 255).build(),
            u8(integer(TCP_RETRIES2), "15").unit("retransmissions")
                .doc("Retransmission budget before an established connection is aborted, turned into time with a "
                    + "200 ms base (15 = 924.6 s); default 15 (TCP_RETR2; tcp_timer.c: retransmits_timed_out)")
                .build(),
            u8(integer(TCP_ORPHAN_RETRIES), "0").unit("retransmissions")
                .doc("Retransmissions before an orphaned FIN_WAIT1/LAST_ACK/CLOSING socket is killed; 0 means 8; "
                    + "default 0 (tcp_sk_init; tcp_timer.c: tcp_orphan_retries)").build(),
            seconds(integer(TCP_FIN_TIMEOUT), "60")
                .doc("How long an orphaned FIN_WAIT2 socket waits for the peer's FIN (at least 3.5 x RTO); "
                    + "default 60 (TCP_FIN_TIMEOUT, tcp_sk_init; tcp.h: tcp_fin_time)").build(),
            integer(TCP_MAX_ORPHANS).unit("sockets")
                .doc("System-wide orphan limit; past it close() resets sockets (TCPAbortOnMemory); default "
                    + "ehash_entries/2, RAM-derived, 16 GiB if unstated (tcp.c: tcp_init; tcp_check_oom)")
                .onMemory(V6_18, m -> Long.toString(m.tcpMaxOrphans()), "ehash_entries/2", INT_MIN, INT_MAX)
                .onMemory(V4_9, m -> Long.toString(m.tcpMaxOrphans()), "ehash_entries/2", INT_MIN, INT_MAX).build(),
            integer(TCP_RTO_MIN_US).unit("microseconds").history("added after 4.9")
                .doc("Floor of the RTO variance term, so RTO >= SRTT + rto_min; default 200000 "
                    + "(TCP_RTO_MIN, tcp_sk_init; tcp.h: tcp_rto_min); 4.9 fixes 200 ms")
                .on(V6_18, "200000", 1, INT_MAX).build(),
            integer(TCP_RTO_MAX_MS).unit("milliseconds").history("added after 4.9")
                .doc("Ceiling of the retransmission timeout; default 120000 (TCP_RTO_MAX, tcp_sk_init); "
                    + "4.9 fixes 120 s")
                .on(V6_18, "120000", 1000, 120000).build(),
            seconds(integer(TCP_KEEPALIVE_TIME), "7200")
                .doc("Idle time before the first keepalive probe on SO_KEEPALIVE sockets; default 7200 "
                    + "(TCP_KEEPALIVE_TIME, tcp_sk_init)").build(),
            seconds(integer(TCP_KEEPALIVE_INTVL), "75")
                .doc("Interval between unanswered keepalive probes; default 75 (TCP_KEEPALIVE_INTVL, tcp_sk_init)")
                .build(),
            integer(TCP_MIN_RTT_WLEN).unit("seconds")
                .doc("Window of the minimum-RTT filter (tp->rtt_min, tcp_min_rtt) that RACK's reordering window and congestion-control modules read; "
                    + "default 300, at most 86400 (tcp_ipv4.c: tcp_sk_init; tcp_input.c: tcp_update_rtt_min)")
                .on(V6_18, "300", 0, 86400).on(V4_9, "300", 0, 86400).build(),
            integer(TCP_MIN_TSO_SEGS).unit("segments")
                .doc("Fewest segments a TSO packet is sized for (tcp_tso_autosize), which is how many segments "
                    + "leave back to back as one burst; default 2, 1-255 (tcp_sk_init; tcp_output.c: tcp_tso_segs)")
                .on(V6_18, "2", 1, 255).on(V4_9, "2", 1, 255).build(),
            integer(TCP_PACING_SS_RATIO).unit("percent")
                .doc("Pacing rate in slow start as a percentage of cwnd * mss / srtt, which sizes TSO packets; "
                    + "default 200, 0-1000 (tcp_input.c: tcp_update_pacing_rate)")
                .on(V6_18, "200", 0, 1000).on(V4_9, "200", 0, 1000).build(),
            integer(TCP_PACING_CA_RATIO).unit("percent")
                .doc("Pacing rate after slow start as a percentage of cwnd * mss / srtt, which sizes TSO packets; "
                    + "default 120, 0-1000 (tcp_input.c: tcp_update_pacing_rate)")
                .on(V6_18, "120", 0, 1000).on(V4_9, "120", 0, 1000).build(),
            integer(TCP_TSO_RTT_LOG).history("added after 4.9")
                .doc("TSO packets grow by 64 KB >> (min_rtt_us >> this) on short paths (tcp_tso_autosize); "
                    + "default 9, 0-255 (tcp_sk_init)")
                .on(V6_18, "9", 0, 255).build(),
            integer(TCP_NOTSENT_LOWAT).unit("bytes")
                .doc("A socket without TCP_NOTSENT_LOWAT takes no new data, and poll() reports it writable, only while "
                    + "fewer unsent bytes than this (half this, for poll) are queued; default 4294967295 (UINT_MAX: no "
                    + "limit) (tcp_sk_init; tcp.h: tcp_notsent_lowat, tcp_stream_memory_free)")
                .on(V6_18, "4294967295", 0, 4294967295L).on(V4_9, "4294967295", 0, 4294967295L).build(),
            integer(TCP_TSO_WIN_DIVISOR)
                .doc("A TSO packet that cwnd or the window cuts short waits for the next ACK unless at least 1/N of "
                    + "the window could go (tcp_tso_should_defer); 0: unless more than 3 segments could; default 3")
                .on(V6_18, "3", 0, 255).on(V4_9, "3", INT_MIN, INT_MAX).build(),
            integer(TCP_INVALID_RATELIMIT).unit("milliseconds")
                .doc("Least time between one connection's answers to out-of-window segments (duplicate ACKs "
                    + "after a PAWS or sequence failure, challenge ACKs), against ACK loops; default 500 (HZ / 2; "
                    + "tcp_input.c: tcp_oow_rate_limited)")
                .on(V6_18, "500", 0, INT_MAX).on(V4_9, "500", 0, INT_MAX).build(),
            integer(TCP_CHALLENGE_ACK_LIMIT).unit("challenge ACKs per second")
                .doc("RFC 5961 challenge ACKs a host (6.x: a network namespace) sends per second, beyond each "
                    + "connection's tcp_invalid_ratelimit: each second a random count between half and one and a half "
                    + "times this; default 2147483647 (INT_MAX: no host-wide limit), 4.9: 1000 "
                    + "(tcp_input.c: tcp_send_challenge_ack)")
                .on(V6_18, "2147483647", INT_MIN, INT_MAX).on(V4_9, "1000", INT_MIN, INT_MAX).build(),
            u8(integer(TCP_KEEPALIVE_PROBES), "9").unit("probes")
                .doc("Unanswered keepalive probes before the connection is dropped; default 9 "
                    + "(TCP_KEEPALIVE_PROBES, tcp_sk_init; tcp_timer.c: tcp_keepalive_timer)").build(),

            // memory and buffers
            vector(TCP_RMEM, "MIN", "DEFAULT", "MAX").unit("bytes")
                .doc("Per-socket receive buffer: guaranteed minimum, initial size, autotuning ceiling; default "
                    + "4096 131072 max(131072, min(32 MiB, free/128)), 4.9: 4096 87380 (6 MiB cap), "
                    + "RAM-derived, 16 GiB if unstated "
                    + "(tcp.c: tcp_init)")
                .onMemory(V6_18, m -> text(m.tcpRmem(V6_18)), "4096 131072 max(131072, min(32 MiB, free RAM/128))",
                    1, INT_MAX)
                .onMemory(V4_9, m -> text(m.tcpRmem(V4_9)), "4096 87380 max(87380, min(6 MiB, free RAM/128))",
                    1, INT_MAX).build(),
            vector(TCP_WMEM, "MIN", "DEFAULT", "MAX").unit("bytes")
                .doc("Per-socket send buffer: guaranteed minimum, initial size, autotuning ceiling; default "
                    + "4096 16384 max(64 KiB, min(4 MiB, free/128)), RAM-derived, 16 GiB if unstated (tcp.c: tcp_init)")
                .onMemory(V6_18, m -> text(m.tcpWmem(V6_18)), "4096 16384 max(64 KiB, min(4 MiB, free RAM/128))",
                    1, INT_MAX)
                .onMemory(V4_9, m -> text(m.tcpWmem(V4_9)), "4096 16384 max(64 KiB, min(4 MiB, free RAM/128))",
                    1, INT_MAX).build(),
            vector(TCP_MEM, "LOW", "PRESSURE", "HIGH").unit("pages")
                .doc("Global TCP memory in 4 KiB pages: pressure ends below LOW, starts above PRESSURE, "
                    + "allocations fail above HIGH; default 3L/4 L 3L/2 with L = free pages/16 (4.9: /8), "
                    + "RAM-derived, 16 GiB if unstated (tcp.c: tcp_init_mem)")
                .onMemory(V6_18, m -> text(m.tcpMem(V6_18)), "L/4*3 L 2*(L/4*3), L = max(free pages/16, 128)",
                    0, ULONG_MAX)
                .onMemory(V4_9, m -> text(m.tcpMem(V4_9)), "L/4*3 L 2*(L/4*3), L = max(free pages/8, 128)",
                    0, ULONG_MAX).build(),
            u8(bool(TCP_MODERATE_RCVBUF), "1")
                .doc("Receive-buffer autotuning (skipped for sockets that set SO_RCVBUF); default 1 "
                    + "(tcp_sk_init; tcp_input.c: tcp_rcv_space_adjust)").build(),

            // congestion control and loss recovery
            choice(TCP_CONGESTION_CONTROL)
                .doc("Congestion control of new sockets; any non-empty name of at most 15 characters is accepted "
                    + "here, availability is checked against the loaded congestion modules; default cubic "
                    + "(CONFIG_DEFAULT_TCP_CONG; tcp_cong.c: tcp_set_default_congestion_control)")
                .on(V6_18, "cubic", 0, 0).on(V4_9, "cubic", 0, 0).build(),
            u8(bool(TCP_SLOW_START_AFTER_IDLE), "1")
                .doc("Shrink cwnd after an idle period longer than the RTO, and halve its unused part when "
                    + "sending finds it not used in full for an RTO (RFC 2861); default 1 "
                    + "(tcp_sk_init; tcp_output.c: tcp_cwnd_restart, tcp_cwnd_application_limited)").build(),
            u8(bool(TCP_NO_METRICS_SAVE), "0")
                .doc("1 = do not cache RTT and cwnd of closed connections in tcp_metrics; default 0 "
                    + "(tcp_metrics.c: tcp_update_metrics)").build(),
            bool(TCP_NO_SSTHRESH_METRICS_SAVE).history("added after 4.9")
                .doc("1 = do not cache ssthresh in tcp_metrics, so new connections start with infinite ssthresh; "
                    + "default 1 (tcp_sk_init)")
                .on(V6_18, "1", 0, 1).build(),
            integer(TCP_REORDERING).unit("packets")
                .doc("Initial reordering degree (duplicate-ACK threshold) of a connection; default 3 "
                    + "(TCP_FASTRETRANS_THRESH, tcp_sk_init)")
                .on(V6_18, "3", INT_MIN, INT_MAX).on(V4_9, "3", INT_MIN, INT_MAX).build(),
            integer(TCP_MAX_REORDERING).unit("packets")
                .doc("Largest reordering degree a connection may learn; default 300 (tcp_sk_init; 4.9 tcp_input.c)")
                .on(V6_18, "300", INT_MIN, INT_MAX).on(V4_9, "300", INT_MIN, INT_MAX).build(),
            integer(TCP_EARLY_RETRANS)
                .doc("Tail loss probe and early retransmit mode: 0 off, 3 = TLP on (see ip-sysctl); default 3 "
                    + "(tcp_sk_init; tcp_output.c: tcp_schedule_loss_probe)")
                .on(V6_18, "3", 0, 4).on(V4_9, "3", 0, 4).build(),
            u8(integer(TCP_RECOVERY), "1")
                .doc("Loss-recovery bitmap: 0x1 RACK loss detection (6.18: no effect, RACK is its only SACK loss "
                    + "detection; 4.9: else RFC 6675 dupthresh), 0x2 static RACK reordering window, 0x4 no "
                    + "dupthresh; default 1 (TCP_RACK_LOSS_DETECTION, tcp_sk_init; tcp_recovery.c)").build(),
            u8(integer(TCP_FRTO), "2")
                .doc("F-RTO spurious-RTO detection (RFC 5682): 0 off, 1 basic, 2 SACK-enhanced; default 2 "
                    + "(tcp_sk_init; tcp_input.c: tcp_enter_loss)").build(),
            bool(TCP_AUTOCORKING)
                .doc("Hold small writes while earlier packets of the flow still wait in the qdisc or device; "
                    + "default 1 (tcp_sk_init; tcp.c: tcp_should_autocork)")
                .on(V6_18, "1", 0, 1).on(V4_9, "1", 0, 1).build());
    }
}
