package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The send buffer's truesize arithmetic: what an skb costs (SKB_TRUESIZE of tcp_stream_alloc_skb's
 * small head), tcp_sndbuf_expand's per-segment cost, and the scoreboard's count of the skbs its
 * entries make up, against a plain walk over every entry.
 */
class SkbTruesizeTest {
    private static final int MSS = 1000;

    @Test
    void an_skb_costs_its_payload_plus_832_bytes() {
        // measured on Linux 6.18.44 (ss -tm): sk_wmem_queued - payload = 832 per skb
        assertEquals(832, SkbTruesize.SKB_OVERHEAD);
        assertEquals(61000 + 2 * 832, SkbTruesize.wmemQueued(61000, 2));
        assertEquals(0, SkbTruesize.wmemQueued(0, 0));
    }

    @Test
    void per_mss_is_a_power_of_two_head_and_the_sk_buff() {
        // Linux 6.18.44, tcp_wmem[1] 16384: an autotuned sk_sndbuf of 2 x 10 x per_mss after the handshake
        assertEquals(46080, 2 * 10 * SkbTruesize.perMss(1460));
        assertEquals(2304, SkbTruesize.perMss(536));
        assertEquals(2304, SkbTruesize.perMss(1536), "1536 + 192 + 320 = 2048 still fits");
        assertEquals(4352, SkbTruesize.perMss(1537));
        assertEquals(168960, 2 * 10 * SkbTruesize.perMss(4000));
    }

    @Test
    void skbs_follow_packets_cuts_acks_and_sacked_runs() {
        Fixture f = new Fixture();
        f.send(4);
        f.send(2);
        f.send(1);
        assertEquals(3, f.q.skbs(), "three packets sent, three skbs");
        f.ack(f.q.start(0) + MSS);
        assertEquals(3, f.q.skbs(), "an skb acked in part is trimmed, not freed");
        f.ack(f.q.start(3));
        assertEquals(2, f.q.skbs(), "the first skb acked whole is freed");
        f.q.splitAfter(0);
        assertEquals(3, f.q.skbs(), "tcp_fragment makes one skb two");
        f.send(6);
        assertEquals(4, f.q.skbs());
        f.sack(f.q.start(4), f.q.start(7));
        assertEquals(6, f.q.skbs(), "the SACKed run is cut out of its skb (tcp_match_skb_to_sack): three skbs where one was");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void skbs_agree_with_a_walk_over_every_entry(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fixture f = new Fixture();
        for (int step = 0; step < 3000; step++) {
            int n = f.q.size();
            int op = rnd.nextInt(100);
            if (op < 30 || n == 0) {
                f.send(1 + rnd.nextInt(8));
            } else if (op < 60) {
                int a = rnd.nextInt(n);
                int b = a + rnd.nextInt(Math.min(n - a, 20)) + 1;
                f.sack(f.q.start(a), f.q.end(b - 1));
            } else if (op < 75) {
                f.ack(f.q.start(rnd.nextInt(Math.min(n, 8))) + (rnd.nextInt(3) == 0 ? rnd.nextInt(MSS) : 0));
            } else if (op < 88) {
                f.q.splitAfter(rnd.nextInt(n));
            } else if (op < 98) {
                int k = rnd.nextInt(n);
                if (k + 1 < n && !f.q.continuesSkb(k) && !f.q.continuesSkb(k + 1)
                        && ((f.q.flags(k) | f.q.flags(k + 1)) & RetransmitQueue.SACKED) == 0
                        && (k == 0 || !f.q.continuesSkb(k - 1))) {
                    f.q.collapseNext(k); // tcp_collapse_retrans: two one-segment skbs, neither SACKed
                }
            } else {
                f.q.clearSacked();
            }
            assertEquals(walk(f.q), f.q.skbs(), "seed " + seed + " step " + step);
        }
    }

    /** Entries ending an skb, less SACKed entries whose predecessor is SACKed (merged into it). */
    private static int walk(RetransmitQueue q) {
        int skbs = 0;
        for (int k = 0; k < q.size(); k++) {
            boolean sacked = (q.flags(k) & RetransmitQueue.SACKED) != 0;
            boolean prevSacked = k > 0 && (q.flags(k - 1) & RetransmitQueue.SACKED) != 0;
            if (!q.continuesSkb(k) && !(sacked && prevSacked)) {
                skbs++;
            }
        }
        return skbs;
    }

    private static final class Fixture {
        final RetransmitQueue q = new RetransmitQueue();
        final Rack rack = new Rack();
        final RateSampler rate = new RateSampler(new CongestionSamples.Rate());
        final SackTagState acked = new SackTagState();
        int nxt = -3 * MSS;
        long now = 1_000_000;

        /** One packet of {@code segs} segments: one skb. */
        void send(int segs) {
            for (int i = 0; i < segs; i++) {
                q.add(nxt, nxt + MSS, now, i == segs - 1 ? 0 : RetransmitQueue.SKB_CONT, rate);
                nxt += MSS;
            }
            now++;
        }

        void sack(int s, int e) {
            acked.clear();
            rate.beginAck();
            q.sack(s, e, acked, rack, rate, now++, 0);
        }

        void ack(int ack) {
            acked.clear();
            rate.beginAck();
            q.ackUpTo(ack, acked, rack, rate, now++, 0, Long.MAX_VALUE);
        }
    }
}
