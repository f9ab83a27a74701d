package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;

/** The rules of net/ipv4/tcp_recovery.c that {@link Rack} carries, one by one. */
class RackTest {
    private static final long MS = 1_000_000;

    @Test
    void sent_after_orders_by_time_then_by_end_sequence_across_wraparound() {
        assertTrue(Rack.sentAfter(2, 1, 0, 100));
        assertFalse(Rack.sentAfter(1, 2, 100, 0));
        assertTrue(Rack.sentAfter(5, 5, 200, 100));
        assertFalse(Rack.sentAfter(5, 5, 100, 100));
        assertTrue(Rack.sentAfter(5, 5, 10, -10), "after() is modulo 2^32");
    }

    @Test
    void advance_keeps_the_latest_sent_segment_and_the_last_rtt() {
        Rack r = new Rack();
        r.advance(0, 3000, 10 * MS, 40 * MS, 20_000);
        assertTrue(r.advanced);
        assertEquals(10 * MS, r.mstampNs);
        assertEquals(30_000, r.rttUs);
        // an older segment delivered later: rtt_us follows it, mstamp stays with the newest
        r.advance(0, 2000, 5 * MS, 41 * MS, 20_000);
        assertEquals(10 * MS, r.mstampNs);
        assertEquals(3000, r.endSeq);
        assertEquals(36_000, r.rttUs);
    }

    @Test
    void a_segment_sent_at_time_zero_advances_a_fresh_rack_and_nothing_is_sent_before_a_fresh_one() {
        // simulated time starts at 0, as skb timestamps never do on Linux (rack.mstamp 0 is "none")
        int endNearWrap = -393_405_337; // an end_seq that is "before" 0 modulo 2^32
        Rack fresh = new Rack();
        assertFalse(Rack.sentAfter(fresh.mstampNs, 0, fresh.endSeq, endNearWrap),
                "no segment was sent before what a fresh RACK has seen delivered (nothing)");
        Rack r = new Rack();
        r.advance(0, endNearWrap, 0, 1 * MS, 0);
        assertEquals(0, r.mstampNs);
        assertEquals(endNearWrap, r.endSeq);
        assertFalse(Rack.sentAfter(r.mstampNs, 0, r.endSeq, endNearWrap + 1000),
                "a segment sent at the same instant with a higher end was not sent before it");
    }

    @Test
    void a_retransmission_acked_sooner_than_min_rtt_may_be_the_originals_ack_and_is_ignored() {
        Rack r = new Rack();
        r.advance(RetransmitQueue.EVER_RETRANS, 3000, 30 * MS, 40 * MS, 20_000);
        assertFalse(r.advanced, "10 ms < min_rtt 20 ms");
        r.advance(RetransmitQueue.EVER_RETRANS, 3000, 10 * MS, 40 * MS, 20_000);
        assertTrue(r.advanced, "30 ms >= min_rtt");
        Rack fresh = new Rack();
        fresh.advance(RetransmitQueue.EVER_RETRANS, 3000, 39 * MS, 40 * MS, 0);
        assertFalse(fresh.advanced, "no RTT sample yet: min_rtt is ~0U, every retransmission is ambiguous");
    }

    @Test
    void reordering_window_is_zero_until_reordering_is_seen_in_recovery_or_with_dupthresh_sacks() {
        Rack r = new Rack();
        long minRtt = 40_000;
        long srtt = 50_000;
        assertEquals(0, r.reoWndUs(CaState.RECOVERY, 0, 3, minRtt, srtt));
        assertEquals(0, r.reoWndUs(CaState.LOSS, 0, 3, minRtt, srtt));
        assertEquals(0, r.reoWndUs(CaState.OPEN, 3, 3, minRtt, srtt));
        assertEquals(10_000, r.reoWndUs(CaState.OPEN, 2, 3, minRtt, srtt), "min_rtt / 4");
        r.reordSeen = 1;
        assertEquals(10_000, r.reoWndUs(CaState.RECOVERY, 5, 3, minRtt, srtt));
        assertEquals(8_000, r.reoWndUs(CaState.OPEN, 0, 3, 400_000, 8_000), "capped at srtt");
    }

    @Test
    void a_dsack_widens_the_reordering_window_one_step_per_round_trip_for_sixteen_recoveries() {
        Rack r = new Rack();
        r.reordSeen = 1;
        long minRtt = 40_000;
        long srtt = 100_000;
        // an ACK delivering a segment sent when 10 had been delivered, with a D-SACK pending
        r.dsackSeen = true;
        r.beginAck(0);
        r.updateReoWnd(10, 20, false); // the ACK's rate sample: prior_delivered 10
        assertEquals(2, r.reoWndSteps);
        assertEquals(Rack.RECOVERY_THRESH, r.reoWndPersist);
        assertEquals(20_000, r.reoWndUs(CaState.OPEN, 0, 3, minRtt, srtt), "two steps of min_rtt / 4");
        // a D-SACK for data sent before that widening (prior_delivered 15 < 20) is ignored
        r.dsackSeen = true;
        r.beginAck(0);
        r.updateReoWnd(15, 25, false); // the ACK's rate sample: prior_delivered 15
        assertEquals(2, r.reoWndSteps);
        assertFalse(r.dsackSeen);
        // the next one, for data sent after it, widens again; the window never passes srtt
        r.dsackSeen = true;
        r.beginAck(0);
        r.updateReoWnd(21, 30, false); // the ACK's rate sample: prior_delivered 21
        assertEquals(3, r.reoWndSteps);
        r.reoWndSteps = 10;
        assertEquals(100_000, r.reoWndUs(CaState.OPEN, 0, 3, minRtt, srtt));
        // once the persisting recoveries are used up, back to one step
        r.reoWndPersist = 0;
        r.beginAck(0);
        r.updateReoWnd(40, 50, false); // the ACK's rate sample: prior_delivered 40
        assertEquals(1, r.reoWndSteps);
        // tcp_recovery's static-window bit freezes it
        r.dsackSeen = true;
        r.updateReoWnd(55, 60, true);
        assertEquals(1, r.reoWndSteps);
    }

    @Test
    void an_original_delivered_below_what_was_already_sacked_is_reordering() {
        Rack r = new Rack();
        r.beginAck(5000); // 5000.. SACKed before this ACK
        r.deliveredOriginal(3000, 4000);
        assertTrue(r.endAck(5000));
        assertEquals(1, r.reordSeen);
        r.beginAck(5000);
        r.deliveredOriginal(6000, 7000); // above: an ordinary SACK
        assertFalse(r.endAck(7000));
        r.beginAck(1000); // nothing SACKed: prior_fack is snd_una
        r.deliveredOriginal(1000, 2000);
        assertFalse(r.endAck(2000));
        assertEquals(1, r.reordSeen);
    }
}
