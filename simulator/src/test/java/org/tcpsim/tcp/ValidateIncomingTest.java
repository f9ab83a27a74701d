package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Event;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * [6.18] tcp_input.c: tcp_validate_incoming (RFC 7323 PAWS, RFC 5961), tcp_paws_check,
 * tcp_disordered_ack_check, tcp_replace_ts_recent, tcp_send_challenge_ack, tcp_ack;
 * tcp_oow_rate_limited. On an established
 * connection with timestamps, a segment whose TSval is older than ts_recent by more than
 * TCP_PAWS_WINDOW (1) is dropped as an old duplicate (PAWSEstab) and answered with a duplicate
 * ACK (pure ACKs at most one per 500 ms: TCPACKSkippedPAWS); a pure ACK below rcv_nxt goes
 * silently (PAWSOldAck, 6.x); a reordered duplicate ACK within 1.2 RTO and a RST pass. ts_recent
 * is the TSval of the oldest segment not yet acknowledged, so an ACK echoes that one.
 */
class ValidateIncomingTest {
    private static final int MSS = 1448;

    /** An established connection that has carried 40 segments (quick-ACK mode long over) to a server that never reads. */
    private record Conn(TcpTestbed tb, TcpTimeline tl, TcpSocket client, TcpSocket server) {
        static Conn open(KernelVersion kernel, String... sysctls) {
            TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(100_000_000, 10 * MS), TcpTestbed.link(100_000_000, 10 * MS),
                    kernel, sysctls);
            TcpTimeline tl = new TcpTimeline(tb, true);
            TcpSocket[] server = new TcpSocket[1];
            tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> server[0] = l.accept(null));
            // a send buffer that takes the warm-up whole (this writer never waits for space)
            TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS.withSndbuf(1 << 20), new SocketCallbacks() {
                @Override
                public void connected(TcpSocket s, long now) {
                    s.write(40 * MSS, now);
                }
            });
            tb.sim.run(150 * MS); // ends well within an RTO of the last data: no quick-ACK restart for what follows
            assertEquals(40L * MSS, server[0].available(), "the warm-up data arrived");
            return new Conn(tb, tl, c, server[0]);
        }

        /** A segment "from the client" at the server's rcv_nxt, acknowledging what the server sent, timestamped {@code ageTicks} before ts_recent. */
        TcpSegment segment(int flags, int dataLength, int ageTicks) {
            TcpSegment s = new TcpSegment();
            s.protocol = org.tcpsim.net.Packet.PROTO_TCP;
            s.src = TcpTestbed.CLIENT;
            s.dst = TcpTestbed.SERVER;
            s.srcPort = client.localPort();
            s.dstPort = 80;
            s.seq = server.rcv.queue.rcvNxt();
            s.ack = server.snd.sndUna;
            s.flags = flags;
            s.dataLength = dataLength;
            s.window = server.snd.sndWnd >> server.snd.sndWscale;
            s.hasTimestamps = true;
            s.tsVal = server.tsRecent - ageTicks;
            s.tsEcr = server.tsNow(tb.sim.now());
            return s;
        }

        /** Delivers {@code s} to the server now and lets 100 ms pass. */
        void inject(TcpSegment s) {
            tb.sim.schedule(tb.sim.now(), (Event) t -> tb.server.deliver(s, t));
            advance(100 * MS);
        }

        /** Lets {@code ns} of simulated time pass (an idle simulation's clock only moves to an event). */
        void advance(long ns) {
            long until = tb.sim.now() + ns;
            tb.sim.schedule(until, (Event) t -> { });
            tb.sim.run(until);
        }

        long count(MibCounter c) {
            return tb.server.counter(c);
        }

        long serverSegmentsOut() {
            return tb.server.counter(MibCounter.TCP_OUT_SEGS);
        }
    }

    @Test
    void an_old_duplicate_data_segment_is_dropped_and_answered_with_a_duplicate_ack() {
        Conn c = Conn.open(KernelVersion.V6_18);
        c.advance(1 * S); // every ACK of the warm-up has gone
        TcpSegment old = c.segment(TcpSegment.ACK | TcpSegment.PSH, MSS, 50);
        old.seq -= MSS; // a copy of the last segment, delayed in the network
        long out = c.serverSegmentsOut();
        c.inject(old);
        assertEquals(1, c.count(MibCounter.PAWS_ESTAB));
        assertEquals(out + 1, c.serverSegmentsOut(), "one duplicate ACK (data is never rate-limited)");
        assertEquals(1, c.count(MibCounter.DELAYED_ACK_LOST), "tcp_send_dupack: its data was below rcv_nxt");
        assertEquals(40L * MSS, c.server().available(), "nothing delivered twice");
    }

    @Test
    void new_data_with_a_stale_timestamp_is_dropped_too() {
        Conn c = Conn.open(KernelVersion.V6_18);
        c.inject(c.segment(TcpSegment.ACK | TcpSegment.PSH, 100, 2));
        assertEquals(1, c.count(MibCounter.PAWS_ESTAB));
        assertEquals(40L * MSS, c.server().available(), "PAWS drops it before it is queued");
        Conn fresh = Conn.open(KernelVersion.V6_18);
        fresh.inject(fresh.segment(TcpSegment.ACK | TcpSegment.PSH, 100, 1));
        assertEquals(0, fresh.count(MibCounter.PAWS_ESTAB), "one tick older is within TCP_PAWS_WINDOW");
        assertEquals(40L * MSS + 100, fresh.server().available());
    }

    @Test
    void an_old_pure_ack_below_rcv_nxt_is_dropped_silently_on_6x_and_answered_on_4_9() {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.V6_18, KernelVersion.V4_9}) {
            Conn c = Conn.open(k);
            c.advance(1 * S); // every ACK of the warm-up has gone
            TcpSegment ack = c.segment(TcpSegment.ACK, 0, 50);
            ack.seq -= MSS;
            long out = c.serverSegmentsOut();
            c.inject(ack);
            boolean v6 = k == KernelVersion.V6_18;
            assertEquals(v6 ? 1 : 0, c.count(MibCounter.PAWS_OLD_ACK), k.label());
            assertEquals(v6 ? 0 : 1, c.count(MibCounter.PAWS_ESTAB), k.label());
            assertEquals(out + (v6 ? 0 : 1), c.serverSegmentsOut(), k.label());
        }
    }

    @Test
    void a_reordered_duplicate_ack_within_the_replay_window_passes() {
        // a pure ACK at rcv_nxt first (snd_wl1 = rcv_nxt), then a copy of it 5 ms late: it would not
        // update the window, so tcp_disordered_ack_check lets it through
        Conn c = Conn.open(KernelVersion.V6_18);
        c.inject(c.segment(TcpSegment.ACK, 0, 0));
        long out = c.serverSegmentsOut();
        c.inject(c.segment(TcpSegment.ACK, 0, 5)); // 5 ms late; the RTO is at least 200 ms, the replay window 1.2 x that
        assertEquals(0, c.count(MibCounter.PAWS_ESTAB) + c.count(MibCounter.PAWS_OLD_ACK));
        assertEquals(out, c.serverSegmentsOut(), "a duplicate ACK needs no answer");
        c.inject(c.segment(TcpSegment.ACK, 0, 5000)); // 5 s late: outside the replay window
        assertEquals(1, c.count(MibCounter.PAWS_ESTAB));
        assertEquals(out + 1, c.serverSegmentsOut());
    }

    @Test
    void duplicate_acks_for_stale_pure_acks_are_rate_limited_to_one_per_500ms() {
        Conn c = Conn.open(KernelVersion.V6_18);
        c.advance(1 * S);
        long out = c.serverSegmentsOut();
        TcpSegment first = c.segment(TcpSegment.ACK, 0, 5000);
        first.ack -= 1; // not a duplicate ACK of snd_una: tcp_disordered_ack_check refuses it
        c.inject(first);
        TcpSegment second = c.segment(TcpSegment.ACK, 0, 5000);
        second.ack -= 1;
        c.inject(second); // 100 ms later
        assertEquals(2, c.count(MibCounter.PAWS_ESTAB));
        assertEquals(1, c.count(MibCounter.TCP_ACK_SKIPPED_PAWS));
        assertEquals(out + 1, c.serverSegmentsOut());
        c.advance(500 * MS);
        TcpSegment third = c.segment(TcpSegment.ACK, 0, 5000);
        third.ack -= 1;
        c.inject(third);
        assertEquals(out + 2, c.serverSegmentsOut(), "answered again after tcp_invalid_ratelimit");
    }

    @Test
    void a_reset_passes_paws() {
        Conn c = Conn.open(KernelVersion.V6_18);
        c.inject(c.segment(TcpSegment.RST | TcpSegment.ACK, 0, 5000));
        assertEquals(0, c.count(MibCounter.PAWS_ESTAB));
        assertEquals(TcpState.CLOSED, c.server().state());
    }

    @Test
    void an_ack_echoes_the_timestamp_of_the_oldest_unacknowledged_segment() {
        // two short segments 5 ms apart; the first waits for the delayed ACK, the second makes it
        // go (more than one full segment unacknowledged): it echoes the first's TSval, not the second's
        Conn c = Conn.open(KernelVersion.V6_18);
        TcpSegment a = c.segment(TcpSegment.ACK, 1000, 0);
        a.tsVal = c.client().tsNow(c.tb().sim.now());
        long at = c.tb().sim.now();
        c.tb().sim.schedule(at, (Event) t -> c.tb().server.deliver(a, t));
        c.advance(5 * MS);
        TcpSegment b = c.segment(TcpSegment.ACK, 1000, 0);
        b.seq = a.seq + 1000;
        b.tsVal = a.tsVal + 5;
        c.inject(b);
        List<TcpTimeline.Wire> acks = c.tl().wire.stream()
                .filter(w -> w.host().equals("server") && w.sent() && w.atNs() >= at && w.seg().dataLength == 0).toList();
        assertTrue(!acks.isEmpty(), c.tl().wireDump());
        assertEquals(a.seq + 2000, acks.get(0).seg().ack, "one ACK for both");
        assertEquals(a.tsVal, acks.get(0).seg().tsEcr, "tcp_replace_ts_recent only takes seq <= rcv_wup");
    }

    // --- out-of-window segments and RFC 5961 -------------------------------------------------

    /**
     * tcp_ack on 6.18.x: an ACK of data never sent (ack > snd_nxt) drops the segment, data and all,
     * and sends a challenge ACK (RFC 5961 5.2), rate-limited like every challenge ACK; measured on
     * Linux 6.18.44 (packetdrill challenge_ack/ack-of-unsent-data-challenged.pkt). 4.9 dropped it
     * silently in ESTABLISHED (tcp_rcv_established: tcp_ack < 0, discard).
     */
    @Test
    void an_ack_of_data_never_sent_is_challenged_on_6_18_and_dropped_silently_on_4_9() {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.V6_18, KernelVersion.V4_9}) {
            boolean v6 = k == KernelVersion.V6_18;
            Conn c = Conn.open(k);
            c.advance(1 * S);
            long out = c.serverSegmentsOut();
            for (int i = 0; i < 2; i++) { // the second 100 ms after the first
                TcpSegment s = c.segment(TcpSegment.ACK | TcpSegment.PSH, 100, 0);
                s.ack = c.server().snd.sndNxt + 1000;
                c.inject(s);
            }
            assertEquals(out + (v6 ? 1 : 0), c.serverSegmentsOut(), k.label() + ": one challenge ACK, the second skipped");
            assertEquals(v6 ? 1 : 0, c.count(MibCounter.TCP_CHALLENGE_ACK), k.label());
            assertEquals(v6 ? 1 : 0, c.count(MibCounter.TCP_ACK_SKIPPED_CHALLENGE), k.label());
            assertEquals(40L * MSS, c.server().available(), k.label() + ": its data is dropped with it");
            assertEquals(TcpState.ESTABLISHED, c.server().state(), k.label());
        }
    }

    /**
     * tcp_ack, RFC 5961 5.2: an ACK below snd_una by more than min(max_window, bytes_acked) (6.x;
     * max_window alone on 4.9) is too old: the segment is dropped, data and all, and challenged. The
     * server here has sent nothing (bytes_acked 0), so on 6.18 an ACK one byte below snd_una is too old
     * while 4.9 takes it as an old ACK and its data; one more than max_window below is too old on both.
     * Measured on Linux 6.18.44: packetdrill challenge_ack/old-ack-beyond-bytes-acked-challenged.pkt.
     */
    @Test
    void an_ack_below_snd_una_by_more_than_bytes_acked_is_challenged_on_6_18_by_more_than_max_window_on_4_9() {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.V6_18, KernelVersion.V4_9}) {
            boolean v6 = k == KernelVersion.V6_18;
            Conn c = Conn.open(k);
            c.advance(1 * S);
            long out = c.serverSegmentsOut();
            TcpSegment s = c.segment(TcpSegment.ACK | TcpSegment.PSH, 100, 0);
            s.ack = c.server().snd.sndUna - 1;
            c.inject(s);
            assertEquals(v6 ? 1 : 0, c.count(MibCounter.TCP_CHALLENGE_ACK), k.label() + ": one byte below, nothing acked");
            assertEquals(40L * MSS + (v6 ? 0 : 100), c.server().available(), k.label() + ": the data goes with a too-old ACK");
            c.advance(1 * S); // past tcp_invalid_ratelimit
            TcpSegment t = c.segment(TcpSegment.ACK | TcpSegment.PSH, 100, 0);
            t.ack = c.server().snd.sndUna - c.server().snd.maxWindow - 1;
            c.inject(t);
            assertEquals(v6 ? 2 : 1, c.count(MibCounter.TCP_CHALLENGE_ACK), k.label() + ": beyond max_window");
            assertEquals(40L * MSS + (v6 ? 0 : 100), c.server().available(), k.label());
            assertTrue(c.serverSegmentsOut() >= out + (v6 ? 2 : 1), k.label() + ": the challenge ACKs went out");
            assertEquals(TcpState.ESTABLISHED, c.server().state(), k.label());
        }
    }

    /**
     * tcp_send_challenge_ack's host-wide limit (net.ipv4.tcp_challenge_ack_limit): with a limit of 1
     * the count drawn each second is exactly 1 ((1 + 1) / 2 .. 1 + 1 - 1), so after one challenge ACK a
     * second one 600 ms later, allowed by the connection's own 500 ms limit, is held back, uncounted,
     * and the next second's goes. 6.18's default (INT_MAX) sends all three.
     */
    @Test
    void the_host_wide_challenge_ack_limit_holds_back_what_the_connection_limit_lets_go() {
        for (String limit : new String[] {"1", "2147483647"}) {
            boolean limited = limit.equals("1");
            Conn c = Conn.open(KernelVersion.V6_18, "net.ipv4.tcp_challenge_ack_limit", limit);
            long start = (c.tb().sim.now() / S + 1) * S; // the start of a second
            c.advance(start - c.tb().sim.now());
            for (int i = 0; i < 3; i++) { // at 0, 600 ms and 1200 ms into that second
                c.inject(c.segment(TcpSegment.SYN, 0, 0));
                c.advance(500 * MS);
            }
            assertEquals(3, c.count(MibCounter.TCP_SYN_CHALLENGE), limit);
            assertEquals(limited ? 2 : 3, c.count(MibCounter.TCP_CHALLENGE_ACK), limit);
            assertEquals(0, c.count(MibCounter.TCP_ACK_SKIPPED_CHALLENGE), limit + ": the connection's limit held none");
        }
    }

    @Test
    void a_syn_on_an_established_connection_gets_a_challenge_ack_at_most_every_500ms() {
        Conn c = Conn.open(KernelVersion.V6_18);
        c.advance(1 * S);
        long out = c.serverSegmentsOut();
        c.inject(c.segment(TcpSegment.SYN, 0, 0));
        c.inject(c.segment(TcpSegment.SYN, 0, 0)); // 100 ms later
        assertEquals(2, c.count(MibCounter.TCP_SYN_CHALLENGE));
        assertEquals(2, c.count(MibCounter.TCP_IN_ERRS), "syn_inerr on the established path");
        assertEquals(1, c.count(MibCounter.TCP_CHALLENGE_ACK));
        assertEquals(1, c.count(MibCounter.TCP_ACK_SKIPPED_CHALLENGE));
        assertEquals(out + 1, c.serverSegmentsOut());
        assertEquals(TcpState.ESTABLISHED, c.server().state());
    }

    @Test
    void out_of_window_acks_are_answered_at_most_every_500ms_but_out_of_window_data_always() {
        Conn c = Conn.open(KernelVersion.V6_18);
        c.advance(1 * S);
        long out = c.serverSegmentsOut();
        for (int i = 0; i < 3; i++) {
            TcpSegment stale = c.segment(TcpSegment.ACK, 0, 0);
            stale.seq -= 1 << 20; // far below the window
            c.inject(stale);
        }
        assertEquals(2, c.count(MibCounter.TCP_ACK_SKIPPED_SEQ));
        assertEquals(out + 1, c.serverSegmentsOut());
        for (int i = 0; i < 3; i++) {
            TcpSegment data = c.segment(TcpSegment.ACK, 100, 0);
            data.seq -= 1 << 20;
            c.inject(data);
        }
        assertEquals(out + 4, c.serverSegmentsOut(), "data is not part of an ACK loop: every copy answered");
        assertEquals(2, c.count(MibCounter.TCP_ACK_SKIPPED_SEQ));
    }
}
