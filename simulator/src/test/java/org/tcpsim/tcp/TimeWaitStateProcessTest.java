package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Event;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.Packet;

/**
 * [6.18] tcp_minisocks.c: tcp_timewait_state_process (with tcp_paws_reject and
 * tcp_timewait_check_oow_rate_limit). In TIME_WAIT a bare ACK exactly at rcv_nxt that passes PAWS
 * only restarts the 60 s (no answer); a RST there kills the sock (tcp_rfc1337 = 0) unless it
 * fails PAWS; anything else is answered by an ACK, at most one per tcp_invalid_ratelimit unless
 * it carries data or a FIN, and restarts the 60 s if it failed PAWS (PAWSTimewait) or had ACK.
 */
class TimeWaitStateProcessTest {
    /** The client closed first and sits in TIME_WAIT since {@code since}. */
    private record InTimeWait(TcpTestbed tb, TcpTimeline tl, TcpSocket client, long since) {
        static InTimeWait open(KernelVersion kernel, String... sysctls) {
            TcpTimeline.ScriptedLoss toServer = new TcpTimeline.ScriptedLoss();
            TcpTestbed tb = new TcpTestbed(1, ConnectionCloseTest.link(10 * MS, toServer),
                    TcpTestbed.link(100_000_000, 10 * MS), kernel, sysctls);
            TcpTimeline tl = new TcpTimeline(tb, true);
            new ConnectionCloseTest.Server(tb, 0, true).listen();
            TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS,
                    new ConnectionCloseTest.ClosingClient(1000, true));
            tb.sim.run(1 * S);
            // from now on the client's answers are lost: the closed server would RST them, and an
            // in-window RST ends TIME_WAIT (that is tested on its own below)
            toServer.dropAll = true;
            return new InTimeWait(tb, tl, c, tl.when("client", TcpState.FIN_WAIT2, TcpState.TIME_WAIT));
        }

        /** A segment from the server at the client's rcv_nxt, TSval {@code ageTicks} before the client's ts_recent. */
        TcpSegment segment(int flags, int ageTicks) {
            TcpSegment s = new TcpSegment();
            s.protocol = Packet.PROTO_TCP;
            s.src = TcpTestbed.SERVER;
            s.dst = TcpTestbed.CLIENT;
            s.srcPort = 80;
            s.dstPort = client.localPort();
            s.seq = client.rcv.queue.rcvNxt();
            s.ack = client.snd.sndNxt;
            s.flags = flags;
            s.window = 1000;
            s.hasTimestamps = true;
            s.tsVal = client.tsRecent - ageTicks;
            s.tsEcr = client.tsNow(tb.sim.now());
            return s;
        }

        /** Delivers {@code s} to the client at {@code at} (absolute) and runs to 10 ms later. */
        void inject(TcpSegment s, long at) {
            tb.sim.schedule(at, (Event) t -> tb.client.deliver(s, t));
            tb.sim.run(at + 10 * MS);
        }

        long clientOut() {
            return tb.client.counter(MibCounter.TCP_OUT_SEGS);
        }

        long closedAt() {
            tb.sim.run(since + 200 * S);
            return tl.when("client", TcpState.TIME_WAIT, TcpState.CLOSED);
        }
    }

    @Test
    void a_bare_ack_at_rcv_nxt_restarts_the_60s_without_an_answer() {
        InTimeWait tw = InTimeWait.open(KernelVersion.V6_18);
        long out = tw.clientOut();
        long at = tw.since() + 10 * S;
        tw.inject(tw.segment(TcpSegment.ACK, 0), at);
        assertEquals(out, tw.clientOut(), "in window: only a reset or a bare ACK, neither answered");
        assertEquals(at + 60 * S, tw.closedAt());
    }

    @Test
    void a_segment_failing_paws_is_counted_answered_and_restarts_the_60s() {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.V6_18, KernelVersion.V4_9}) {
            InTimeWait tw = InTimeWait.open(k);
            long out = tw.clientOut();
            long at = tw.since() + 10 * S;
            tw.inject(tw.segment(TcpSegment.ACK, 100), at);
            MibCounter counted = k == KernelVersion.V6_18 ? MibCounter.PAWS_TIMEWAIT : MibCounter.PAWS_ESTAB;
            assertEquals(1, tw.tb().client.counter(counted), k.label());
            assertEquals(out + 1, tw.clientOut(), k.label());
            assertEquals(at + 60 * S, tw.closedAt(), k.label());
        }
    }

    @Test
    void out_of_window_acks_are_answered_at_most_every_500ms_a_retransmitted_fin_always() {
        InTimeWait tw = InTimeWait.open(KernelVersion.V6_18);
        long out = tw.clientOut();
        long at = tw.since() + 10 * S;
        for (int i = 0; i < 3; i++) {
            TcpSegment stale = tw.segment(TcpSegment.ACK, 0);
            stale.seq -= 1000; // an old duplicate ACK
            tw.inject(stale, at + i * 100 * MS);
        }
        assertEquals(out + 1, tw.clientOut());
        assertEquals(2, tw.tb().client.counter(MibCounter.TCP_ACK_SKIPPED_TIME_WAIT));
        for (int i = 0; i < 2; i++) {
            TcpSegment fin = tw.segment(TcpSegment.ACK | TcpSegment.FIN, 0);
            fin.seq -= 1; // the server's FIN again
            tw.inject(fin, at + 400 * MS + i * 10 * MS);
        }
        assertEquals(out + 3, tw.clientOut(), "a FIN is never rate-limited");
    }

    @Test
    void a_reset_kills_time_wait_unless_it_fails_paws() {
        InTimeWait stale = InTimeWait.open(KernelVersion.V6_18);
        stale.inject(stale.segment(TcpSegment.RST, 100), stale.since() + 10 * S);
        assertEquals(1, stale.tb().client.counter(MibCounter.PAWS_TIMEWAIT));
        assertEquals(stale.since() + 60 * S, stale.closedAt(), "PAWS kept it: it ends on its timer");

        InTimeWait fresh = InTimeWait.open(KernelVersion.V6_18);
        long at = fresh.since() + 10 * S;
        fresh.inject(fresh.segment(TcpSegment.RST, 0), at);
        assertEquals(at, fresh.closedAt(), "TIME_WAIT assassination (tcp_rfc1337 = 0)");

        InTimeWait rfc1337 = InTimeWait.open(KernelVersion.V6_18, "net.ipv4.tcp_rfc1337", "1");
        rfc1337.inject(rfc1337.segment(TcpSegment.RST, 0), rfc1337.since() + 10 * S);
        assertEquals(rfc1337.since() + 60 * S, rfc1337.closedAt(), "RFC 1337: the RST is ignored");
    }
}
