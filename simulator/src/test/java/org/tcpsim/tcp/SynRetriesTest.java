package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.loss.BernoulliLossType;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * When a handshake gives up, for every tcp_syn_retries (and TCP_SYNCNT) and tcp_synack_retries
 * from 1 to 6, as Linux 6.18.44 did on this project's machine (2026-12-07: connect() to a
 * black-holed address between two namespaces, SYNs from tcpdump, ETIMEDOUT from the
 * application; a raw SYN to a listener whose SYN-ACKs are never answered, SYN-ACKs from tcpdump,
 * and own packetdrill scripts with an ACK half a second before and after the predicted drop).
 *
 * <p>SYN_SENT: tcp_write_timeout expires the connection at the first timer run that finds either
 * icsk_retransmits >= tcp_syn_retries + tcp_syn_linear_timeouts (4), or, in
 * retransmits_timed_out, the time since the first SYN (retrans_stamp) at least tcp_model_timeout
 * of tcp_syn_retries from rto_base 1 s, (2^(n+1) - 1) s. The SYNs follow the linear-then-doubling
 * timeouts (0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s). So the count limit binds for n >= 4 and the
 * time limit below: n = 1 gives up at 3 s after 2 retransmissions, n = 3 at 19 s after 7 (the
 * timer at 11 s finds 11 s < 15 s and 6 < 7, so it sends a seventh and the next run at 19 s finds
 * 7 >= 7). Linux: 3.1, 7.2, 19.5, 35.7, 68.2, 133.5 s with 2, 5, 7, 8, 9, 10 retransmissions (the
 * same with TCP_SYNCNT); the half to two and a half seconds beyond the nominal times are the timer
 * wheel's granularity for long timers (2 s for 8 to 64 s at HZ 250), which the model does not have.
 *
 * <p>A request (reqsk_timer_handler, syn_ack_recalc): SYN-ACK resends at 1, 3, 7, ... s while
 * num_timeout < tcp_synack_retries, then the request is dropped at (2^(n+1) - 1) s. Linux resent
 * 1 to 6 times; its packetdrill scripts see the request alive half a second before that time and
 * a RST for an ACK half a second after it (n = 1 to 3; from 4 on the wheel's slack exceeds
 * packetdrill's tolerance).
 */
class SynRetriesTest {
    private static final long[] SYN_SCHEDULE_MS = {0, 1000, 2000, 3000, 4000, 5000, 7000, 11000, 19000, 35000, 67000};

    @ParameterizedTest(name = "tcp_syn_retries {0}, TCP_SYNCNT {1}")
    @CsvSource({
        "1, 0, 2, 3", "2, 0, 5, 7", "3, 0, 7, 19", "4, 0, 8, 35", "5, 0, 9, 67", "6, 0, 10, 131",
        "6, 1, 2, 3", "6, 2, 5, 7", "6, 3, 7, 19", "6, 4, 8, 35", "6, 5, 9, 67", "1, 6, 10, 131"})
    void connect_gives_up_after_linuxs_count_and_time(int sysctl, int syncnt, int retransmissions, int giveUpS) {
        TcpTestbed tb = new TcpTestbed(7, HandshakeTimingTest.link(BernoulliLossType.of(1.0)),
                HandshakeTimingTest.link(LossModelSpec.NONE), KernelVersion.V6_18,
                "net.ipv4.tcp_syn_retries", String.valueOf(sysctl));
        TcpTimeline tl = new TcpTimeline(tb, true);
        HandshakeTimingTest.ConnectWatcher w = new HandshakeTimingTest.ConnectWatcher();
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, w);
        if (syncnt > 0) {
            c.synRetriesOption = syncnt; // setsockopt(TCP_SYNCNT) right after connect(): read at each expiry
        }
        tb.sim.run(400 * S);

        List<Long> syns = TcpTimeline.millis(tl.times("client", true, TcpTimeline::pureSyn));
        List<Long> expected = new java.util.ArrayList<>();
        for (int i = 0; i <= retransmissions; i++) {
            expected.add(SYN_SCHEDULE_MS[i]);
        }
        assertEquals(expected, syns, "SYN send times");
        assertEquals("ETIMEDOUT", w.errno);
        assertEquals(giveUpS * S, w.closedAt, "connect() fails at the timer run that finds a limit passed");
        assertEquals(retransmissions, tb.client.counter(MibCounter.TCP_SYN_RETRANS), "TcpExtTCPSynRetrans");
        assertEquals(retransmissions, c.synRetransmits());
    }

    @ParameterizedTest(name = "tcp_synack_retries {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6"})
    void request_is_dropped_after_linuxs_synack_resends(int retries) {
        TcpTimeline.ScriptedLoss toServer = new TcpTimeline.ScriptedLoss();
        toServer.passFirst = 1; // the SYN gets through; the handshake's ACK and every re-ACK do not
        toServer.dropAll = true;
        TcpTestbed tb = new TcpTestbed(7, HandshakeTimingTest.link(toServer), HandshakeTimingTest.link(LossModelSpec.NONE),
                KernelVersion.V6_18, "net.ipv4.tcp_synack_retries", String.valueOf(retries));
        TcpTimeline tl = new TcpTimeline(tb, true);
        int[] accepted = {0};
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (ls, now) -> accepted[0]++);
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new HandshakeTimingTest.ConnectWatcher());
        tb.sim.run(300 * S);

        long synArrival = tl.times("server", false, TcpTimeline::pureSyn).get(0);
        List<Long> relative = TcpTimeline.millis(tl.times("server", true, TcpTimeline::synAck).stream()
                .map(t -> t - synArrival).toList());
        List<Long> expected = new java.util.ArrayList<>();
        for (int i = 0; i <= retries; i++) {
            expected.add(((1L << i) - 1) * 1000);
        }
        assertEquals(expected, relative, "SYN-ACK send times after the SYN arrived");
        long dropped = tl.when("server", TcpState.SYN_RECV, TcpState.CLOSED) - synArrival;
        assertEquals(((1L << (retries + 1)) - 1) * S, dropped, "request dropped");
        assertEquals(retries, tb.server.counter(MibCounter.TCP_SYN_RETRANS), "TcpExtTCPSynRetrans");
        assertEquals(0, accepted[0]);
        assertTrue(dropped > 0 && dropped % MS == 0);
    }
}
