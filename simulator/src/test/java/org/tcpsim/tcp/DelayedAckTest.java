package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Event;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * [6.18] tcp_input.c: tcp_event_data_recv, tcp_measure_rcv_mss, __tcp_ack_snd_check,
 * tcp_cleanup_rbuf; tcp_output.c: tcp_send_delayed_ack, tcp_event_data_sent, tcp_event_ack_sent;
 * tcp_timer.c: tcp_delack_timer_handler. The delayed-ACK timeout ato starts at 40 ms and follows
 * the gaps between segments; a reply sent within ato makes the connection interactive (pingpong),
 * which holds ACKs back for the reply to carry; a delayed ACK that had to go alone doubles ato
 * (bulk) or ends interactive mode; the wait is capped by srtt and 200 ms (500 ms for bulk data
 * that was not pushed).
 */
class DelayedAckTest {
    private static final int MSS = 1448;
    private static final long RTO = 300 * MS;

    /** One jiffy at the model's HZ (1000). */
    private static final long JIFFY = DelayedAck.JIFFY_NS;

    /** A delayed ACK set to wait {@code ato} leaves after it, by up to one jiffy (the tick after the timeout). */
    private static void assertTickAfter(long ato, long waited, String message) {
        assertTrue(waited > ato && waited <= ato + JIFFY, message + ": waited " + waited + " ns for ato " + ato);
    }

    // --- the rules one by one -------------------------------------------------------------

    @Test
    void first_data_starts_quick_ack_mode_with_ato_40ms() {
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(0, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(40 * MS, a.ato());
        assertEquals(16, a.quick(), "min(rcv_wnd / (2 rcv_mss), TCP_MAX_QUICKACKS)");
        assertTrue(a.inQuickAckMode());
        DelayedAck small = new DelayedAck(false, true, true);
        small.dataReceived(0, MSS, TcpSegment.ACK, MSS, MSS, 4 * MSS, RTO);
        assertEquals(2, small.quick(), "a window of 4 segments: 2 quick ACKs");
    }

    @Test
    void ato_follows_the_gap_between_segments() {
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(0, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        a.dataReceived(10 * MS, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(40 * MS, a.ato(), "m <= 20 ms: ato / 2 + 20 ms");
        a.dataReceived(40 * MS, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(50 * MS, a.ato(), "m = 30 ms < ato: ato / 2 + m");
        a.dataReceived(140 * MS, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(50 * MS, a.ato(), "m = 100 ms >= ato, below the RTO: unchanged");
        a.timerExpired(RTO);
        assertEquals(100 * MS, a.ato(), "a bulk delayed ACK that fired: ato doubles");
        a.timerExpired(RTO);
        a.timerExpired(RTO);
        assertEquals(RTO, a.ato(), "... up to the RTO");
    }

    @Test
    void the_gap_between_segments_is_counted_in_whole_jiffies() {
        // tcp_event_data_recv: m = tcp_jiffies32 - icsk_ack.lrcvtime, and ato >> 1 truncates a whole
        // number of jiffies. Segments at 0.9 and 20.95 ms are 20.05 ms but 20 jiffies apart: the fast
        // case, ato / 2 + TCP_ATO_MIN / 2 = 40 ms (counted in ns it would be ato / 2 + m = 40.05 ms)
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(900_000, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        a.dataReceived(20_950_000, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(40 * MS, a.ato(), "m = 20 jiffies <= TCP_ATO_MIN / 2");
        a.dataReceived(45_500_000, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(45 * MS, a.ato(), "m = 25 jiffies: 20 + 25");
        a.dataReceived(66_200_000, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        assertEquals(43 * MS, a.ato(), "m = 21 jiffies: (45 >> 1) + 21 = 22 + 21 (in ns 22.5 + 20.7 ms)");
    }

    @Test
    void the_delayed_ack_timer_fires_on_the_tick_after_jiffies_plus_ato() {
        // tcp_send_delayed_ack: icsk_ack.timeout = jiffies + ato; the timer wheel runs a level-0 timer
        // one jiffy after its expiry (calc_index rounds up so that none fires early)
        assertEquals(51 * MS, DelayedAck.timerDeadline(10_300_000, 40 * MS, -1), "jiffy 10 + 40, run at 51");
        // a timeout already armed that is earlier stands (icsk_ack.timeout 45, run at 46 ms) ...
        assertEquals(46 * MS, DelayedAck.timerDeadline(34_500_000, 40 * MS, 46 * MS));
        // ... and the ACK goes at once when it is due within ato / 4 (45 <= 36 + 10)
        assertEquals(-1, DelayedAck.timerDeadline(36_000_000, 40 * MS, 46 * MS));
        // tcp_send_delayed_ack caps ato by usecs_to_jiffies(srtt), rounded up: 50.2 ms -> 51 jiffies
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(0, MSS, TcpSegment.ACK, MSS, MSS, 65535, RTO);
        a.timerExpired(RTO);
        assertEquals(80 * MS, a.ato());
        assertEquals(51 * MS, a.delay(50_200_000L));
    }

    @Test
    void the_wait_is_capped_by_srtt_and_by_200ms_once_interactive_or_pushed() {
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(0, MSS, TcpSegment.ACK, MSS, MSS, 65535, 2 * S);
        for (int i = 0; i < 4; i++) {
            a.timerExpired(2 * S);
        }
        assertEquals(640 * MS, a.ato());
        assertEquals(200 * MS, a.delay(0), "TCP_DELACK_MAX caps every wait");
        assertEquals(60 * MS, a.delay(60 * MS), "srtt caps it below that");
        assertEquals(200 * MS, a.delay(2 * S));
        DelayedAck fresh = new DelayedAck(false, true, true);
        assertEquals(0, fresh.delay(0), "no data yet (ato 0): the ACK goes on the next tick");
    }

    @Test
    void quick_ack_mode_counts_acks_of_new_data_on_6x_and_every_segment_on_4_9() {
        for (boolean everySegment : new boolean[] {false, true}) {
            DelayedAck a = new DelayedAck(everySegment, !everySegment, !everySegment);
            a.dataReceived(0, MSS, TcpSegment.ACK, MSS, MSS, 4 * MSS, RTO); // quick = 2
            a.segmentSent(1 * MS, true); // an ACK of that data, carried on data
            a.segmentSent(2 * MS, true); // more data, nothing new to acknowledge
            assertEquals(everySegment ? 0 : 1, a.quick(), "4.9 counts the second segment, 6.x does not");
        }
    }

    @Test
    void a_reply_within_ato_makes_the_connection_interactive_and_a_lone_delayed_ack_ends_it() {
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(0, 100, TcpSegment.ACK | TcpSegment.PSH, MSS, MSS, 65535, RTO);
        a.segmentSent(5 * MS, true);
        assertTrue(a.pingpongMode());
        assertFalse(a.inQuickAckMode(), "quick ACKs are not used while interactive");
        a.timerExpired(RTO);
        assertFalse(a.pingpongMode());
        assertEquals(40 * MS, a.ato());
        DelayedAck late = new DelayedAck(false, true, true);
        late.dataReceived(0, 100, TcpSegment.ACK | TcpSegment.PSH, MSS, MSS, 65535, RTO);
        late.segmentSent(50 * MS, true);
        assertFalse(late.pingpongMode(), "a reply 50 ms after the request (ato 40 ms) is not interactive");
    }

    @Test
    void reading_a_pushed_segment_acks_at_once_unless_interactive() {
        DelayedAck a = new DelayedAck(false, true, true);
        a.dataReceived(0, 100, TcpSegment.ACK | TcpSegment.PSH, MSS, MSS, 65535, RTO);
        assertTrue(a.ackOnRead(100, true));
        assertFalse(a.ackOnRead(100, false), "not while data is left in the queue");
        a.enterPingpongMode();
        assertFalse(a.ackOnRead(100, true));
        DelayedAck full = new DelayedAck(false, true, true);
        full.dataReceived(0, MSS, TcpSegment.ACK | TcpSegment.PSH, MSS, MSS, 65535, RTO);
        assertTrue(full.ackOnRead(MSS, true), "6.x: a full segment with PSH ends a write");
        DelayedAck old = new DelayedAck(true, false, false);
        old.dataReceived(0, MSS, TcpSegment.ACK | TcpSegment.PSH, MSS, MSS, 65535, RTO);
        assertFalse(old.ackOnRead(MSS, true), "4.9: only a short segment counts as pushed");
    }

    // --- on the wire -----------------------------------------------------------------------

    /**
     * A client sends 100-byte requests, one when the previous response arrives; the server
     * answers request n (from 1) with 100 bytes after {@code thinkNs.applyAsLong(n)}.
     */
    private static Exchange requestResponse(int requests, IntToLongFunction thinkNs) {
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(100_000_000, 10 * MS), TcpTestbed.link(100_000_000, 10 * MS),
                KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        int[] served = {0};
        TcpSocket[] server = new TcpSocket[1];
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> server[0] = l.accept(new SocketCallbacks() {
            @Override
            public void readable(TcpSocket s, long t) {
                while (s.read(1 << 16, t) > 0) {
                    tb.sim.schedule(t + thinkNs.applyAsLong(++served[0]), (Event) at -> s.write(100, at));
                }
            }
        }));
        int[] sent = {0};
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                sent[0]++;
                s.write(100, now);
            }

            @Override
            public void readable(TcpSocket s, long t) {
                if (s.read(1 << 16, t) > 0 && sent[0] < requests) {
                    sent[0]++;
                    s.write(100, t);
                }
            }
        });
        tb.sim.run(10 * S);
        return new Exchange(tb, tl, server[0]);
    }

    private record Exchange(TcpTestbed tb, TcpTimeline tl, TcpSocket server) {
        /** Segments the server sent after the handshake that carry neither data nor SYN/FIN/RST. */
        List<TcpTimeline.Wire> serverPureAcks() {
            List<TcpTimeline.Wire> out = new ArrayList<>();
            for (TcpTimeline.Wire w : tl.wire) {
                TcpSegment s = w.seg();
                if (w.host().equals("server") && w.sent() && s.dataLength == 0 && !s.has(TcpSegment.SYN)
                        && !s.has(TcpSegment.FIN) && !s.has(TcpSegment.RST)) {
                    out.add(w);
                }
            }
            return out;
        }

        /** Times the server received a segment carrying data. */
        List<Long> requestArrivals() {
            List<Long> out = new ArrayList<>();
            for (TcpTimeline.Wire w : tl.wire) {
                if (w.host().equals("server") && !w.sent() && w.seg().dataLength > 0) {
                    out.add(w.atNs());
                }
            }
            return out;
        }
    }

    @Test
    void an_interactive_exchange_acks_only_the_first_request_alone() {
        Exchange x = requestResponse(10, n -> 0);
        assertEquals(10, x.requestArrivals().size());
        // the first request is ACKed at once (quick-ACK mode); the reply, sent within ato of it,
        // makes the connection interactive, and every later request's ACK rides on its reply
        assertEquals(1, x.serverPureAcks().size(), "pure ACKs: " + x.serverPureAcks());
        assertEquals(x.requestArrivals().get(0), x.serverPureAcks().get(0).atNs());
        assertEquals(0, x.tb().server.counter(MibCounter.DELAYED_ACKS));
        assertEquals(1, x.tb().client.counter(MibCounter.DELAYED_ACKS), "only the last response, with no request to carry its ACK");
    }

    @Test
    void a_reply_slower_than_ato_is_preceded_by_a_delayed_ack_40ms_after_the_request() {
        Exchange x = requestResponse(3, n -> 100 * MS);
        List<Long> requests = x.requestArrivals();
        List<TcpTimeline.Wire> acks = x.serverPureAcks();
        // request 1: quick ACK at once; the 100 ms reply is not within ato, so no interactive mode,
        // and quick-ACK mode (16 ACKs of new data) still answers requests 2 and 3 at once
        assertEquals(3, acks.size(), "pure ACKs: " + acks);
        for (int i = 0; i < 3; i++) {
            assertEquals(requests.get(i), acks.get(i).atNs());
        }
        assertEquals(0, x.tb().server.counter(MibCounter.DELAYED_ACKS));
    }

    @Test
    void an_interactive_connection_whose_reply_is_late_sends_a_lone_ack_after_ato_and_leaves_pingpong() {
        // fast replies make the connection interactive; then the server sleeps 100 ms before one
        // reply: the delayed-ACK timer (ato 40 ms, capped by srtt >= 40 ms) fires first
        Exchange x = requestResponse(4, n -> n == 3 ? 100 * MS : 0);
        List<Long> requests = x.requestArrivals();
        List<TcpTimeline.Wire> acks = x.serverPureAcks();
        assertEquals(4, requests.size());
        // request 1: quick ACK; request 2: its ACK rides on the reply; request 3: the delayed ACK goes
        // alone; request 4: no longer interactive, quick-ACK mode (ACKs of new data left) answers at once
        assertEquals(3, acks.size(), "pure ACKs: " + acks);
        assertEquals(requests.get(0), acks.get(0).atNs());
        assertTickAfter(40 * MS, acks.get(1).atNs() - requests.get(2), "ato after a gap of one RTT (20 ms) is 40 ms");
        assertEquals(requests.get(3), acks.get(2).atNs(), "interactive mode ended with the lone delayed ACK");
        assertEquals(1, x.tb().server.counter(MibCounter.DELAYED_ACKS));
        assertTrue(x.server().rcv.ack.pingpongMode(), "the immediate reply to request 4 made it interactive again");
    }

    /** Segments of the trickle: enough for 4.9's receive window, which grows for about 50 of them, to stop growing. */
    private static final int SEGMENTS = 90;

    /** Segments after which the receiver's rcv_ssthresh had grown, per kernel, from the last {@link #trickle}. */
    private static final java.util.Map<KernelVersion, Integer> WINDOW_GROWTHS = new java.util.EnumMap<>(KernelVersion.class);

    /**
     * One full segment every 400 ms over a 300 ms RTT, read {@code readDelayNs} after it arrives;
     * returns, per segment, how long the receiver held its ACK (and notes in {@link #WINDOW_GROWTHS}
     * how many segments raised rcv_ssthresh).
     */
    private static List<Long> trickle(KernelVersion kernel, long readDelayNs) {
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(100_000_000, 150 * MS), TcpTestbed.link(100_000_000, 150 * MS),
                kernel);
        TcpTimeline tl = new TcpTimeline(tb, true);
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(new SocketCallbacks() {
            @Override
            public void readable(TcpSocket s, long t) {
                tb.sim.schedule(t + readDelayNs, (Event) at -> s.read(1 << 16, at));
            }
        }));
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                for (int i = 0; i < SEGMENTS; i++) {
                    tb.sim.schedule(now + i * 400 * MS, (Event) t -> s.write(MSS, t));
                }
            }
        });
        TcpSocket[] server = new TcpSocket[1];
        int[] growths = {0};
        int[] lastSsthresh = {-1};
        tl.onWire = w -> {
            if (w.host().equals("server") && !w.sent() && w.seg().dataLength > 0 && server[0] != null) {
                // runs before the segment is processed: compare with the value the previous one left
                if (lastSsthresh[0] >= 0 && server[0].rcv.rcvSsthresh > lastSsthresh[0]) {
                    growths[0]++;
                }
                lastSsthresh[0] = server[0].rcv.rcvSsthresh;
            }
        };
        tb.server.setStateTrace((id, sock, from, to, cause, now) -> {
            if (to == TcpState.ESTABLISHED && sock != null) {
                server[0] = sock;
            }
        });
        tb.sim.run(SEGMENTS * 400 * MS + 5 * S);
        WINDOW_GROWTHS.put(kernel, growths[0] + (server[0].rcv.rcvSsthresh > lastSsthresh[0] ? 1 : 0));
        List<Long> delays = new ArrayList<>();
        long lastData = -1;
        for (TcpTimeline.Wire w : tl.wire) {
            if (!w.host().equals("server")) {
                continue;
            }
            if (!w.sent() && w.seg().dataLength > 0) {
                lastData = w.atNs();
            } else if (w.sent() && w.seg().dataLength == 0 && lastData >= 0 && !w.seg().has(TcpSegment.FIN)) {
                delays.add(w.atNs() - lastData);
                lastData = -1;
            }
        }
        assertEquals(SEGMENTS, delays.size(), "one ACK per segment: " + delays);
        return delays;
    }

    /** How many ACKs went at once before the first delayed one. */
    private static int quickAcks(List<Long> delays) {
        int n = 0;
        while (n < delays.size() && delays.get(n) == 0) {
            n++;
        }
        return n;
    }

    @Test
    void a_slow_trickle_grows_the_delayed_ack_to_200ms_on_6x_and_to_srtt_on_4_9() {
        // quick ACKs first: min(rcv_wnd / (2 rcv_mss), 16), with rcv_wnd 64 KiB on 6.18 and
        // 43690 (half of tcp_rmem[1] 87380) on 4.9, plus one for every segment that raised
        // rcv_ssthresh before they ran out: tcp_grow_window sets icsk_ack.quick |= 1, so while the
        // window grows an even count goes 16 -> 17 -> 16 and does not go down, and an odd one (15 on
        // 4.9) gives up one ACK the first time. Six growths on 6.18 (from 64088 by 2896 towards the
        // free space, 80480 with one segment unread), about fifty on 4.9 (tcp_fixup_rcvbuf's
        // 375040-byte buffer). Then each delayed ACK that fires doubles ato (40, 80, 160, 320 ms),
        // capped by srtt (300 ms) and, since 5.10, by TCP_DELACK_MAX (200 ms)
        List<Long> v6 = trickle(KernelVersion.V6_18, 1 * S);
        List<Long> v4 = trickle(KernelVersion.V4_9, 1 * S);
        int q6 = 16 + WINDOW_GROWTHS.get(KernelVersion.V6_18);
        int q4 = 15 + WINDOW_GROWTHS.get(KernelVersion.V4_9) - 1;
        assertEquals(6, WINDOW_GROWTHS.get(KernelVersion.V6_18));
        assertTrue(WINDOW_GROWTHS.get(KernelVersion.V4_9) > 40, "4.9's window grows for long");
        assertEquals(q6, quickAcks(v6), v6.toString());
        assertEquals(q4, quickAcks(v4), v4.toString());
        long[] start = {40 * MS, 80 * MS, 160 * MS};
        for (int i = 0; i < 3; i++) {
            assertTickAfter(start[i], v6.get(q6 + i), v6.toString());
            assertTickAfter(start[i], v4.get(q4 + i), v4.toString());
        }
        for (int i = q6 + 3; i < SEGMENTS; i++) {
            assertEquals(200 * MS, v6.get(i), "capped at TCP_DELACK_MAX: " + v6);
        }
        // 4.9: the srtt of the handshake (300 ms + serialisation) binds instead; an ACK that late
        // makes the sender's loss probe fire, and the duplicate puts the receiver back in quick-ACK mode
        // (usecs_to_jiffies rounds 300.1 ms up to 301 jiffies; the timer runs on the tick after)
        assertTickAfter(301 * MS, v4.get(q4 + 3), v4.toString());
    }

    @Test
    void on_6x_reading_a_full_pushed_segment_acks_it_at_once() {
        // commit 4720852ed9af: a full-sized segment with PSH ends a write, so a reader that drains
        // it ACKs at once (tcp_cleanup_rbuf); on 4.9 the same trickle waits for the timer
        List<Long> v6 = trickle(KernelVersion.V6_18, 0);
        List<Long> v4 = trickle(KernelVersion.V4_9, 0);
        assertTrue(v6.stream().allMatch(d -> d == 0), v6.toString());
        assertTickAfter(40 * MS, v4.get(quickAcks(v4)), v4.toString());
    }
}
