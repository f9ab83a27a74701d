package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * In-flight accounting of retransmissions not marked lost, as 6.18 keeps it (tcp_sacktag_one,
 * tcp_mark_skb_lost, tcp_timeout_mark_lost, tcp_rack_detect_loss). A retransmission is left
 * without its loss mark by an undo (tcp_undo_cwnd_reduction with unmark_loss); SACKed it stays in
 * retrans_out (S|R), marked lost again it becomes L|R and stays in retrans_out, and only a D-SACK or
 * the cumulative ACK takes it out. scoreboard/sacked-retransmission-stays-in-flight.pkt shows the
 * same on Linux 6.18.
 */
class SackedRetransInFlightTest {
    private static final int MSS = 1000;

    private final RetransmitQueue q = new RetransmitQueue();
    private final Rack rack = new Rack();
    private final RateSampler rate = new RateSampler(new CongestionSamples.Rate());
    private final SackTagState acked = new SackTagState();
    private long now = 1_000_000;

    /** Ten segments sent at once, all marked lost by an RTO, the first {@code n} retransmitted, then undone. */
    private void undoneRetransmissions(int n) {
        for (int i = 0; i < 10; i++) {
            q.add(i * MSS, (i + 1) * MSS, now, 0, rate);
        }
        now += 1_000_000;
        MarkLost.timeout(q);
        for (int k = 0; k < n; k++) {
            q.retransmitted(k, now, rate);
        }
        MarkLost.undo(q);
        now += 1_000_000;
    }

    private int sack(int s, int e) {
        acked.clear();
        rate.beginAck();
        return q.sack(s, e, acked, rack, rate, now++, 0);
    }

    @Test
    void a_sacked_retransmission_not_marked_lost_stays_in_flight() {
        undoneRetransmissions(3);
        assertEquals(3, q.retransOut);
        assertEquals(1, sack(2 * MSS, 3 * MSS));
        assertEquals(3, q.retransOut, "S|R: the retransmission is believed still in flight");
        assertEquals(1, q.sackedOut);
        assertEquals(10 - 1 + 3, q.inFlight(), "packets_out - sacked_out + retrans_out");
        assertEquals(RetransmitQueue.SACKED | RetransmitQueue.RETRANS | RetransmitQueue.EVER_RETRANS, q.flags(2));
    }

    @Test
    void a_dsack_takes_a_sacked_retransmission_out_of_flight() {
        undoneRetransmissions(3);
        sack(2 * MSS, 3 * MSS);
        assertEquals(1, q.dsackRetransmitted(2 * MSS, 3 * MSS, 0, null));
        assertEquals(2, q.retransOut, "dup_sack clears TCPCB_SACKED_RETRANS");
        assertEquals(RetransmitQueue.SACKED | RetransmitQueue.EVER_RETRANS, q.flags(2));
    }

    @Test
    void a_sacked_retransmission_marked_lost_leaves_flight_when_sacked() {
        for (int i = 0; i < 4; i++) {
            q.add(i * MSS, (i + 1) * MSS, now, 0, rate);
        }
        MarkLost.timeout(q);
        q.retransmitted(1, now, rate);
        sack(MSS, 2 * MSS);
        assertEquals(0, q.retransOut, "L|R SACKed is plain S");
        assertEquals(3, q.lostOut);
    }

    @Test
    void an_rto_keeps_sacked_retransmissions_and_marks_the_others_lost_and_in_flight() {
        undoneRetransmissions(3);
        sack(2 * MSS, 3 * MSS);
        MarkLost.timeout(q);
        assertEquals(3, q.retransOut, "R becomes L|R (tcp_mark_skb_lost), S|R is not touched");
        assertEquals(9, q.lostOut);
        assertEquals(7, q.awaitingRetransmit(), "L|R entries are not retransmitted again");
        assertEquals(3, q.nextLost());
        MarkLost.timeout(q);
        assertEquals(1, q.retransOut, "a second RTO finds the L|R entries lost again");
        assertEquals(9, q.awaitingRetransmit());
    }

    @Test
    void rack_marks_an_undone_retransmission_lost_once_and_then_leaves_it() {
        undoneRetransmissions(2);
        rack.mstampNs = now;
        rack.endSeq = 10 * MSS;
        rack.rttUs = 10;
        MarkLost.rackDetectLoss(q, rack, () -> 0, now + 1_000_000);
        assertEquals(RetransmitQueue.LOST | RetransmitQueue.RETRANS | RetransmitQueue.EVER_RETRANS, q.flags(0));
        assertEquals(2, q.retransOut);
        assertTrue(q.offTsortedList(0), "tcp_rack_detect_loss unlinks what it marks");
        MarkLost.rackDetectLoss(q, rack, () -> 0, now + 2_000_000);
        assertEquals(2, q.retransOut, "not on tsorted_sent_queue: not lost again by RACK");
        MarkLost.undo(q);
        MarkLost.rackDetectLoss(q, rack, () -> 0, now + 3_000_000);
        assertEquals(0, q.lostOut, "an undo does not put the entries back on the list");
        MarkLost.timeout(q);
        q.retransmitted(2, now + 4_000_000, rate);
        assertFalse(q.offTsortedList(2), "sent again: back on the list");
        assertTrue(q.offTsortedList(3));
    }
}
