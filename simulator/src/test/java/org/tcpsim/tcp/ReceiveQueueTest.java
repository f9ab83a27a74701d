package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SACK blocks from the out-of-order queue: most recently changed range first (tcp_sack_new_ofo_skb). */
class ReceiveQueueTest {

    @Test
    void noBlocksWithoutOutOfOrderData() {
        ReceiveQueue q = new ReceiveQueue();
        q.init(1000);
        q.accept(1000, 2000);
        assertNull(q.sackBlocks(ReceiveQueue.MAX_SACK_BLOCKS));
    }

    @Test
    void newestRangeFirstAndAtMostMax() {
        ReceiveQueue q = new ReceiveQueue();
        q.init(0);
        q.accept(1000, 2000);
        q.accept(3000, 4000);
        q.accept(5000, 6000);
        q.accept(7000, 8000);
        q.accept(9000, 10000);
        assertArrayEquals(new int[] {9000, 10000, 7000, 8000, 5000, 6000},
                q.sackBlocks(3));
        // a segment that joins two held ranges makes the merged range the newest
        q.accept(4000, 5000);
        assertArrayEquals(new int[] {3000, 6000, 9000, 10000, 7000, 8000, 1000, 2000},
                q.sackBlocks(4));
    }

    /** The selection equals a sort of all ranges by recency, for random arrival orders. */
    @Test
    void blocksAreTheRangesSortedByRecency() {
        for (int seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            ReceiveQueue q = new ReceiveQueue();
            q.init(0);
            // model: list of ranges, most recent last
            List<int[]> model = new ArrayList<>();
            int rcv = 0;
            for (int i = 0; i < 30; i++) {
                int s = 100 * rnd.nextInt(40);
                int e = s + 100 * (1 + rnd.nextInt(3));
                q.accept(s, e);
                // model: rcv_nxt and the held ranges, most recently changed last
                if (e > rcv) {
                    if (s <= rcv) {
                        rcv = e;
                        boolean pulled = true;
                        while (pulled) {
                            pulled = false;
                            for (int k = 0; k < model.size(); k++) {
                                int[] r = model.get(k);
                                if (r[0] <= rcv) {
                                    rcv = Math.max(rcv, r[1]);
                                    model.remove(k);
                                    pulled = true;
                                    break;
                                }
                            }
                        }
                    } else {
                        int ms = s;
                        int me = e;
                        for (int k = model.size() - 1; k >= 0; k--) {
                            int[] r = model.get(k);
                            if (ms <= r[1] && me >= r[0]) {
                                ms = Math.min(ms, r[0]);
                                me = Math.max(me, r[1]);
                                model.remove(k);
                                k = model.size();
                            }
                        }
                        model.add(new int[] {ms, me});
                    }
                }
                assertEquals(rcv, q.rcvNxt(), "seed " + seed + " step " + i);
                int max = 1 + rnd.nextInt(ReceiveQueue.MAX_SACK_BLOCKS);
                int[] got = q.sackBlocks(max);
                if (model.isEmpty()) {
                    assertNull(got, "seed " + seed);
                    continue;
                }
                int n = Math.min(max, model.size());
                int[] want = new int[2 * n];
                for (int b = 0; b < n; b++) {
                    int[] r = model.get(model.size() - 1 - b);
                    want[2 * b] = r[0];
                    want[2 * b + 1] = r[1];
                }
                assertArrayEquals(want, got, "seed " + seed + " step " + i);
            }
            assertEquals(q.outOfOrderBytes(),
                    model.stream().mapToInt(r -> r[1] - r[0]).sum(), "seed " + seed);
        }
    }

    /**
     * The bytes held out of order (kept as ranges join, merge and are pulled in; what the receive
     * memory charge and read() uncharge from) equal a byte-by-byte model of what arrived beyond
     * rcv_nxt, after every segment and read, for random arrivals around a sequence wrap.
     */
    @Test
    void outOfOrderBytesFollowTheHeldRanges() {
        for (int seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int isn = -20_000 + rnd.nextInt(10_000); // rcv_nxt crosses 2^32 within the run
            ReceiveQueue q = new ReceiveQueue();
            q.init(isn);
            BitSet arrived = new BitSet(); // offsets from isn
            int rcv = 0;
            for (int i = 0; i < 60; i++) {
                int s = rcv - 300 + 100 * rnd.nextInt(40);
                int e = s + 1 + rnd.nextInt(400);
                q.accept(isn + s, isn + e);
                if (e > 0) {
                    arrived.set(Math.max(0, s), e);
                }
                rcv = arrived.nextClearBit(rcv);
                if (rnd.nextInt(4) == 0) {
                    q.read(rnd.nextInt(500));
                }
                int held = arrived.get(rcv, Math.max(rcv, arrived.length())).cardinality();
                assertEquals(isn + rcv, q.rcvNxt(), "seed " + seed + " step " + i);
                assertEquals(held, q.outOfOrderBytes(), "seed " + seed + " step " + i);
            }
        }
    }
}
