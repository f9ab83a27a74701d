package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scoreboard keeps each entry's fields packed side by side in one long[] (start and end in one
 * long, flags and the skip distance in another). Each field is driven here to the ends of its range
 * (sequence numbers across the sign bit and across 2^32, send times and rate stamps at Long.MIN_VALUE
 * and Long.MAX_VALUE, tx.delivered at the ends of an int, all eight flag bits, skip distances past
 * 2^16 and 2^17), while the ring wraps around and grows, and read back through every path that
 * reads it: the accessors, a cumulative ACK (tcp_clean_rtx_queue's RTT stamps and bytes) and
 * tcp_rate_skb_delivered's sample, on an ACK and on a SACK. A field that bled into its neighbour,
 * lost its sign or high bits, or an entry copied to the wrong slot when the ring grew, fails here.
 */
class RetransmitQueuePackingTest {
    private static final long[] TIMES = {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 999,
        Long.MIN_VALUE + 1, 0x7FFF_FFFF_FFFF_0000L, 0x8000_0000_0000_0001L, 1L << 32, (1L << 32) - 1};
    private static final int[] COUNTS = {Integer.MIN_VALUE, -1, Integer.MAX_VALUE, 0, 0x8000_0001, 1, 0x7FFF_FFFE};
    private static final int ALL_BUT_SACKED = RetransmitQueue.LOST | RetransmitQueue.RETRANS
            | RetransmitQueue.EVER_RETRANS | RetransmitQueue.PSH | RetransmitQueue.TX_APP_LIMITED
            | RetransmitQueue.SKB_CONT | RetransmitQueue.EOR;

    /** What the test expects of one entry, written beside the queue. */
    private static final class Entry {
        int start;
        int end;
        long sentAt;
        int flags;
        int txDelivered;
        long txFirstTxUs;
        long txDeliveredMstampUs;
    }

    private final RetransmitQueue q = new RetransmitQueue();
    private final CongestionSamples.Rate rs = new CongestionSamples.Rate();
    private final RateSampler rate = new RateSampler(rs);
    private final Rack rack = new Rack();
    private final SackTagState acked = new SackTagState();
    private final List<Entry> model = new ArrayList<>();
    private int nxt;
    private int n;

    /** Every queue starts on one shared ring of empty entries: whatever a test did, it must still be empty. */
    @AfterEach
    void the_shared_empty_ring_was_never_written() {
        for (long w : RetransmitQueue.NO_ENTRIES) {
            assertEquals(0L, w, "a queue wrote into the shared empty ring");
        }
        assertEquals(0, new RetransmitQueue().size());
    }

    @ParameterizedTest(name = "first sequence {0}")
    @ValueSource(ints = {0x7FFF_F000, 0xFFFF_F000})
    void every_field_at_its_extremes_survives_a_wrapped_ring_growing_acks_and_sacks(int firstSeq) {
        nxt = firstSeq;
        // three sent, one acked: the ring is full with its head away from slot 0 each time it grows (4 .. 512)
        while (q.size() < 300) {
            for (int j = 0; j < 3; j++) {
                add();
            }
            ackHead();
            checkEntries();
        }
        // all eight flag bits: lost (RTO), retransmitted with the app-limited snapshot kept, SACKed
        MarkLost.timeout(q);
        for (Entry e : model) {
            e.flags |= RetransmitQueue.LOST;
        }
        rate.appLimited = 1;
        for (int k = 0; k < model.size(); k += 2) {
            long t = TIMES[k % TIMES.length];
            rate.firstTxMstampUs = TIMES[(k + 3) % TIMES.length];
            rate.deliveredMstampUs = TIMES[(k + 7) % TIMES.length];
            q.retransmitted(k, t, rate);
            Entry e = model.get(k);
            e.sentAt = t;
            e.flags |= RetransmitQueue.RETRANS | RetransmitQueue.EVER_RETRANS | RetransmitQueue.TX_APP_LIMITED;
            e.txFirstTxUs = rate.firstTxMstampUs;
            e.txDeliveredMstampUs = rate.deliveredMstampUs;
            e.txDelivered = q.delivered;
        }
        int full = 0;
        for (Entry e : model) {
            full += e.flags == ALL_BUT_SACKED ? 1 : 0;
        }
        assertTrue(full > 0, "some entry carries every flag but SACKED");
        checkEntries();
        for (int k = 1; k < model.size(); k += 3) {
            sackOne(k);
        }
        checkEntries();
        // tcp_collapse_retrans: the entries after the pair move down one slot each
        for (int k = 60; k < model.size() - 1; k += 97) {
            collapse(k);
        }
        checkEntries();
        // more sent: the ring grows again, wrapped, with SACKed, lost and retransmitted entries in it
        while (q.size() < 700) {
            add();
            if (n % 5 == 0) {
                ackHead();
            }
        }
        checkEntries();
        while (q.size() > 0) {
            ackHead();
        }
        assertEquals(0, q.packetsOut);
    }

    @Test
    void skip_distances_past_two_to_the_sixteen_and_seventeen_are_followed_whole() {
        nxt = 0xFFFF_0000;
        for (int j = 0; j < 6; j++) {
            add();
        }
        ackHead();
        ackHead(); // the ring's head away from slot 0 before it grows
        int run = (1 << 17) + 1;
        while (q.size() < run + 3) {
            add();
        }
        // entries 1 .. run SACKed, entry run + 1 the hole after them
        acked.clear();
        rate.beginAck();
        assertEquals(run, q.sack(q.start(1), q.end(run), acked, rack, rate, 0, 0));
        int hole = run + 1;
        assertEquals(hole, q.nextUnsacked(1)); // sets every distance in the run: hole - x for entry x
        for (int x = 1; x <= run; x++) {
            assertEquals(hole, q.nextUnsacked(x), "from entry " + x + ", a distance of " + (hole - x));
        }
        assertEquals(0, q.nextUnsacked(0));
        assertEquals(hole, q.nextUnsacked(hole), "the hole itself is not SACKed");
        // the run acked, the ring filled to its capacity again: new entries in the run's slots start unSACKed
        acked.clear();
        q.ackUpTo(q.end(run), acked, rack, rate, 0, 0, Long.MAX_VALUE);
        assertEquals(run + 1, acked.packets);
        int capacity = Integer.highestOneBit(run + 3) * 2;
        while (q.size() < capacity) {
            add();
        }
        for (int k = 0; k < q.size(); k++) {
            assertEquals(k, q.nextUnsacked(k), "entry " + k + " is not SACKed");
        }
    }

    /** One segment sent, of a length that varies, and its snapshot set to extremes. */
    private void add() {
        int len = 1 + (int) (n * 7919L % 3000);
        long t = TIMES[n % TIMES.length];
        boolean endsSkb = n % 3 != 0;
        int skbFlags = endsSkb ? RetransmitQueue.PSH | RetransmitQueue.EOR : RetransmitQueue.SKB_CONT;
        if (n % 7 == 0) {
            skbFlags = RetransmitQueue.PSH | RetransmitQueue.EOR | RetransmitQueue.SKB_CONT;
        }
        q.add(nxt, nxt + len, t, skbFlags, rate);
        Entry e = new Entry();
        e.start = nxt;
        e.end = nxt + len;
        e.sentAt = t;
        e.txDelivered = COUNTS[n % COUNTS.length];
        e.txFirstTxUs = TIMES[(n + 1) % TIMES.length];
        e.txDeliveredMstampUs = TIMES[(n + 2) % TIMES.length];
        boolean appLimited = n % 2 == 0;
        e.flags = skbFlags | (appLimited ? RetransmitQueue.TX_APP_LIMITED : 0);
        q.stampTx(q.size() - 1, e.txFirstTxUs, e.txDeliveredMstampUs, e.txDelivered, appLimited);
        model.add(e);
        nxt += len;
        n++;
    }

    /** A cumulative ACK of the head entry: its bytes, RTT stamps and rate snapshot come back as put in. */
    private void ackHead() {
        Entry e = model.get(0);
        if (n % 4 == 0 && e.end - e.start > 1) {
            int ack = e.start + (e.end - e.start) / 2; // tcp_trim_head: only the start moves
            acked.clear();
            q.ackUpTo(ack, acked, rack, rate, 0, 0, Long.MAX_VALUE);
            assertEquals(0, acked.packets);
            e.start = ack;
            assertEquals(ack, q.start(0));
            assertEquals(e.end, q.end(0));
        }
        model.remove(0);
        acked.clear();
        rate.beginAck();
        q.ackUpTo(e.end, acked, rack, rate, 0, 0, Long.MAX_VALUE);
        assertEquals(1, acked.packets);
        assertEquals(e.end - e.start, acked.bytes);
        boolean sacked = (e.flags & RetransmitQueue.SACKED) != 0;
        boolean original = (e.flags & RetransmitQueue.EVER_RETRANS) == 0;
        assertEquals(original && !sacked ? e.sentAt : -1, acked.rttSentAt);
        assertEquals(!original, acked.anyRetransmitted);
        if (!sacked) {
            checkRateSample(e);
        }
    }

    /** A SACK of entry k alone: tcp_sacktag_one's stamps and the rate snapshot come back as put in. */
    private void sackOne(int k) {
        Entry e = model.get(k);
        acked.clear();
        rate.beginAck();
        assertEquals(1, q.sack(e.start, e.end, acked, rack, rate, 0, 0));
        boolean original = (e.flags & RetransmitQueue.EVER_RETRANS) == 0;
        assertEquals(original ? e.sentAt : -1, acked.firstSackt);
        checkRateSample(e);
        e.flags = (e.flags & (RetransmitQueue.EVER_RETRANS | RetransmitQueue.PSH)) | RetransmitQueue.SACKED;
        model.get(k - 1).flags &= ~RetransmitQueue.SKB_CONT; // tcp_match_skb_to_sack cuts the skb before it
    }

    /** Entry k + 1 taken into entry k (the first one not SACKed from k on, and the one after it). */
    private void collapse(int k) {
        while ((model.get(k).flags & RetransmitQueue.SACKED) != 0
                || (model.get(k + 1).flags & RetransmitQueue.SACKED) != 0) {
            k++;
        }
        q.collapseNext(k);
        Entry e = model.get(k);
        Entry next = model.remove(k + 1);
        e.end = next.end;
        e.flags = (e.flags & ~RetransmitQueue.EOR) | (next.flags & (RetransmitQueue.PSH | RetransmitQueue.EOR
                | RetransmitQueue.EVER_RETRANS | RetransmitQueue.SKB_CONT));
    }

    /** tcp_rate_skb_delivered took the only entry this ACK delivered. */
    private void checkRateSample(Entry e) {
        assertEquals(e.txDelivered, rs.priorDelivered, "tx.delivered");
        assertEquals(e.txDeliveredMstampUs, rs.priorMstampUs, "tx.delivered_mstamp");
        assertEquals(e.sentAt / 1000 - e.txFirstTxUs, rs.intervalUs, "send time - tx.first_tx_mstamp");
        assertEquals((e.flags & RetransmitQueue.TX_APP_LIMITED) != 0, rs.isAppLimited, "tx.is_app_limited");
        assertEquals((e.flags & (RetransmitQueue.RETRANS | RetransmitQueue.EVER_RETRANS)) != 0, rs.isRetrans);
        assertEquals(e.end, rs.lastEndSeq);
    }

    private void checkEntries() {
        assertEquals(model.size(), q.size());
        for (int k = 0; k < model.size(); k++) {
            Entry e = model.get(k);
            assertEquals(e.start, q.start(k), "start of entry " + k);
            assertEquals(e.end, q.end(k), "end of entry " + k);
            assertEquals(e.sentAt, q.sentAt(k), "sent time of entry " + k);
            assertEquals(e.flags, q.flags(k) & 0xFF, "flags of entry " + k);
        }
    }
}
