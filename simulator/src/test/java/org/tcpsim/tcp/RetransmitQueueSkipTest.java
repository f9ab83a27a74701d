package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scoreboard's SACK walk, RACK walk and lost-entry search jump over runs of SACKed entries
 * (skip distances with path compression). Each is checked here against a plain walk over every
 * entry, written out in the test, after random sequences of what a connection does to its
 * scoreboard: segments sent, SACK blocks (aligned or not, overlapping, repeated), cumulative ACKs
 * (some inside a segment), losses marked by RACK or an RTO, retransmissions, undo and reneging.
 */
class RetransmitQueueSkipTest {
    private static final int MSS = 1000;

    @Test
    void a_sack_block_grown_at_its_top_marks_only_the_new_entries() {
        Fixture f = new Fixture();
        f.send(10);
        assertEquals(3, f.sack(f.una + 2 * MSS, f.una + 5 * MSS));
        assertEquals(2, f.sack(f.una + 2 * MSS, f.una + 7 * MSS), "the first three were SACKed already");
        assertEquals(0, f.sack(f.una + 2 * MSS, f.una + 7 * MSS));
        assertEquals(5, f.q.sackedOut);
        assertEquals(7, f.q.nextUnsacked(2), "entries 2..6 are skipped as one run");
        assertEquals(0, f.q.nextUnsacked(0));
    }

    @Test
    void an_entry_not_sacked_inside_a_sacked_region_is_still_found() {
        Fixture f = new Fixture();
        f.send(12);
        f.sack(f.una + MSS, f.una + 4 * MSS);
        f.sack(f.una + 5 * MSS, f.una + 9 * MSS);
        assertEquals(4, f.q.nextUnsacked(1), "entry 4 is the hole between two blocks");
        assertEquals(9, f.q.nextUnsacked(5));
        assertEquals(3, f.sack(f.una, f.una + 10 * MSS), "entry 0, the hole (4) and entry 9");
        assertEquals(10, f.q.sackedOut);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void skipping_walks_agree_with_a_walk_over_every_entry(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fixture f = new Fixture();
        for (int step = 0; step < 4000; step++) {
            int op = rnd.nextInt(100);
            int n = f.q.size();
            if (op < 25 || n == 0) {
                f.send(1 + rnd.nextInt(8), rnd.nextBoolean());
            } else if (op < 55) {
                int a = rnd.nextInt(n);
                int b = a + rnd.nextInt(Math.min(n - a, 40)) + 1;
                int s = f.q.start(a) + (rnd.nextInt(4) == 0 ? rnd.nextInt(MSS) : 0);
                int e = f.q.end(b - 1) - (rnd.nextInt(4) == 0 ? rnd.nextInt(MSS) : 0);
                f.checkSack(s, e, seed, step);
            } else if (op < 65) {
                int k = rnd.nextInt(Math.min(n, 10));
                int ack = f.q.start(k) + (rnd.nextInt(3) == 0 ? rnd.nextInt(MSS) : 0);
                f.ack(ack);
            } else if (op < 85) {
                int k = rnd.nextInt(n);
                f.rack.mstampNs = f.q.sentAt(k);
                f.rack.endSeq = f.q.end(k);
                f.rack.rttUs = rnd.nextInt(50);
                f.checkRack(rnd.nextInt(3) * 1000L, seed, step);
            } else if (op < 90) {
                f.checkNextLostAndRetransmit(seed, step);
            } else if (op < 95) {
                f.checkRetransmitRunAndCollapse(1 + rnd.nextInt(4), seed, step);
            } else if (op < 97) {
                MarkLost.timeout(f.q);
            } else if (op < 99) {
                MarkLost.undo(f.q);
            } else {
                f.q.clearSacked();
            }
            f.checkCounts(seed, step);
        }
    }

    /** One scoreboard and what drives it; time advances 1 us per operation. */
    private static final class Fixture {
        final RetransmitQueue q = new RetransmitQueue();
        final Rack rack = new Rack();
        final RateSampler rate = new RateSampler(new CongestionSamples.Rate());
        final SackTagState acked = new SackTagState();
        int una = -5 * MSS; // crosses 0 (sequence arithmetic is modulo 2^32)
        int nxt = una;
        long now = 1_000_000;

        /** One skb of {@code segs} segments (one TSO packet), PSH on its last if {@code psh}. */
        void send(int segs, boolean psh) {
            for (int i = 0; i < segs; i++) {
                int last = psh ? RetransmitQueue.PSH : 0;
                q.add(nxt, nxt + MSS, now, i == segs - 1 ? last : RetransmitQueue.SKB_CONT, rate);
                nxt += MSS;
            }
            now++;
        }

        void send(int segs) {
            send(segs, false);
        }

        int sack(int s, int e) {
            acked.clear();
            rate.beginAck();
            return q.sack(s, e, acked, rack, rate, now++, 0);
        }

        void ack(int ack) {
            acked.clear();
            rate.beginAck();
            q.ackUpTo(ack, acked, rack, rate, now++, 0, Long.MAX_VALUE);
            if (Seq.gt(ack, una)) {
                una = ack;
            }
        }

        /** tcp_sacktag_walk over every entry: those wholly inside [s, e) and not SACKed yet. */
        void checkSack(int s, int e, long seed, int step) {
            int n = q.size();
            int[] before = flags();
            int expected = 0;
            for (int k = 0; k < n; k++) {
                if (!Seq.lt(q.start(k), s) && !Seq.gt(q.end(k), e) && (before[k] & RetransmitQueue.SACKED) == 0) {
                    expected++;
                    // tcp_sacktag_one: a retransmission not marked lost stays in flight (S|R)
                    int keep = (before[k] & (RetransmitQueue.LOST | RetransmitQueue.RETRANS)) == RetransmitQueue.RETRANS
                            ? RetransmitQueue.RETRANS : 0;
                    before[k] = (before[k] & (RetransmitQueue.EVER_RETRANS | RetransmitQueue.PSH))
                            | keep | RetransmitQueue.SACKED;
                    if (k > 0) {
                        before[k - 1] &= ~RetransmitQueue.SKB_CONT; // the skb is cut where the SACK starts
                    }
                }
            }
            assertEquals(expected, sack(s, e), where(seed, step, "newly SACKed"));
            assertArrayEquals(before, flags(), seed, step);
        }

        /** tcp_rack_detect_loss over every entry, the rule the scoreboard had before it skipped. */
        void checkRack(long reoWndNs, long seed, int step) {
            int n = q.size();
            int[] expect = flags();
            long wait = 0;
            long rttNs = rack.rttUs * 1000;
            for (int k = 0; k < n; k++) {
                int fl = expect[k];
                if ((fl & RetransmitQueue.SACKED) != 0
                        || ((fl & RetransmitQueue.LOST) != 0 && (fl & RetransmitQueue.RETRANS) == 0)
                        || q.offTsortedList(k)) {
                    continue;
                }
                if (!Rack.sentAfter(rack.mstampNs, q.sentAt(k), rack.endSeq, q.end(k))) {
                    if ((fl & RetransmitQueue.EVER_RETRANS) == 0) {
                        break;
                    }
                    continue;
                }
                long remaining = rttNs + reoWndNs - (now - q.sentAt(k));
                if (remaining <= 0) {
                    // tcp_mark_skb_lost: L|R is lost again (R cleared); R alone becomes L|R, in flight
                    expect[k] = (fl & RetransmitQueue.LOST) != 0 ? fl & ~RetransmitQueue.RETRANS
                            : fl | RetransmitQueue.LOST;
                } else {
                    wait = Math.max(wait, remaining);
                }
            }
            assertEquals(wait, MarkLost.rackDetectLoss(q, rack, () -> reoWndNs, now), where(seed, step, "reordering wait"));
            assertArrayEquals(expect, flags(), seed, step);
            now++;
        }

        void checkNextLostAndRetransmit(long seed, int step) {
            int expected = -1;
            for (int k = 0; k < q.size(); k++) {
                int fl = q.flags(k);
                if ((fl & RetransmitQueue.LOST) != 0 && (fl & RetransmitQueue.RETRANS) == 0) {
                    expected = k;
                    break;
                }
            }
            int k = q.nextLost();
            assertEquals(expected, k, where(seed, step, "first lost entry not retransmitted"));
            if (k >= 0) {
                q.retransmitted(k, now++, rate);
            }
        }

        /**
         * tcp_xmit_retransmit_queue's step for the first lost entry: the run of its skb that waits to be
         * retransmitted (at most maxSegs), cut there; a one-segment skb then takes in the next if that is
         * one segment and not SACKed (tcp_collapse_retrans). Checked against the entries' flags.
         */
        void checkRetransmitRunAndCollapse(int maxSegs, long seed, int step) {
            int k = q.nextLost();
            if (k < 0) {
                return;
            }
            int expected = 1;
            while (expected < maxSegs && k + expected < q.size()
                    && (q.flags(k + expected - 1) & RetransmitQueue.SKB_CONT) != 0
                    && (q.flags(k + expected) & (RetransmitQueue.LOST | RetransmitQueue.RETRANS | RetransmitQueue.SACKED))
                            == RetransmitQueue.LOST) {
                expected++;
            }
            int n = q.retransmitRun(k, maxSegs);
            assertEquals(expected, n, where(seed, step, "segments of one retransmitted skb"));
            int last = k + n - 1;
            if (q.continuesSkb(last)) {
                q.splitAfter(last);
            } else if (n == 1 && (k == 0 || !q.continuesSkb(k - 1)) && k + 1 < q.size()
                    && (q.flags(k + 1) & (RetransmitQueue.SACKED | RetransmitQueue.SKB_CONT)) == 0) {
                int size = q.size();
                int start = q.start(k);
                int end = q.end(k + 1);
                int merged = q.flags(k + 1) & (RetransmitQueue.PSH | RetransmitQueue.EVER_RETRANS);
                int[] after = new int[size - k - 2];
                for (int x = 0; x < after.length; x++) {
                    after[x] = q.end(k + 2 + x);
                }
                q.collapseNext(k);
                assertEquals(size - 1, q.size(), where(seed, step, "entries after a collapse"));
                assertEquals(start, q.start(k), where(seed, step, "collapsed entry's start"));
                assertEquals(end, q.end(k), where(seed, step, "collapsed entry's end"));
                assertEquals(merged, q.flags(k) & merged, where(seed, step, "flags taken in"));
                for (int x = 0; x < after.length; x++) {
                    assertEquals(after[x], q.end(k + 1 + x), where(seed, step, "entries moved down"));
                }
            }
            for (int j = k; j <= last; j++) {
                q.retransmitted(j, now, rate);
            }
            now++;
        }

        /** The counts kept beside the entries still match them. */
        void checkCounts(long seed, int step) {
            int sacked = 0;
            int lost = 0;
            int retrans = 0;
            int awaiting = 0;
            for (int k = 0; k < q.size(); k++) {
                int fl = q.flags(k);
                sacked += (fl & RetransmitQueue.SACKED) != 0 ? 1 : 0;
                lost += (fl & RetransmitQueue.LOST) != 0 ? 1 : 0;
                retrans += (fl & RetransmitQueue.RETRANS) != 0 ? 1 : 0;
                awaiting += (fl & RetransmitQueue.LOST) != 0 && (fl & RetransmitQueue.RETRANS) == 0 ? 1 : 0;
            }
            assertEquals(q.size(), q.packetsOut, where(seed, step, "packets_out"));
            assertEquals(sacked, q.sackedOut, where(seed, step, "sacked_out"));
            assertEquals(lost, q.lostOut, where(seed, step, "lost_out"));
            assertEquals(retrans, q.retransOut, where(seed, step, "retrans_out"));
            assertEquals(awaiting, q.awaitingRetransmit(), where(seed, step, "lost, not retransmitted"));
        }

        int[] flags() {
            int[] f = new int[q.size()];
            for (int k = 0; k < f.length; k++) {
                f[k] = q.flags(k);
            }
            return f;
        }

        private static void assertArrayEquals(int[] expected, int[] actual, long seed, int step) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, where(seed, step, "entry flags"));
        }

        private static String where(long seed, int step, String what) {
            return what + " (seed " + seed + ", step " + step + ")";
        }
    }
}
