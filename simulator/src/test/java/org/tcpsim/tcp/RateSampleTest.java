package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;

/**
 * Delivery-rate sampling as net/ipv4/tcp_rate.c runs it, against a timeline worked out by hand. The
 * stack sends 1000-byte segments with cwnd held at 10 (a test module with .cong_control, no
 * pacing); the handshake took 100 ms (min_rtt). All times in ms; seg k is bytes (k-1)*1000+1 .. k*1000.
 *
 * <pre>
 *  t=100  write 30000 bytes: tcp_rate_check_app_limited finds nothing unsent, cwnd open:
 *         app_limited = delivered + in flight = 0, so 1. Segs 1-10 go, each snapshotting
 *         tx.delivered 0, delivered_mstamp = first_tx_mstamp = 100 (nothing was out), app-limited.
 *  t=200  ACK 2000: segs 1, 2 delivered (delivered 2 > app_limited 1: the bubble is gone).
 *         Sample from seg 2: delivered 2 - 0 = 2, send phase 100 - 100 = 0, ACK phase 200 - 100 = 100
 *         -> 2 over 100 ms, app-limited. first_tx_mstamp = 100. Segs 11, 12 go: tx.delivered 2,
 *         delivered_mstamp 200, first_tx 100, not app-limited.
 *  t=250  ACK 10000: segs 3-10 (tx.delivered 0, sent 100): 10 - 0 = 10 over max(0, 250 - 100) = 150,
 *         app-limited. Kept as tcpi_delivery_rate (10 x 100 ms >= 2 x 150 ms: the higher app-limited rate).
 *         Segs 13-20 go: tx.delivered 10, delivered_mstamp 250, first_tx 100.
 *  t=300  ACK 12000: segs 11, 12: 12 - 2 = 10 over max(200 - 100, 300 - 200) = 100. Segs 21, 22 go.
 *  t=320  SACK seg 20 (tx.delivered 10, sent 250, first_tx 100): 13 - 10 = 3 over
 *         max(250 - 100, 320 - 250) = 150: the send phase is the longer one.
 *  t=335  ACK 20000: segs 13-19 (seg 20 was SACKed: not delivered twice): 20 - 10 = 10 over
 *         max(250 - 100, 335 - 250) = 150. (Before RACK's reordering window would call them lost:
 *         the SACK at 320 made min_rtt 70 ms, its ca_rtt_us (tcp_update_rtt_min), so min_rtt / 4 =
 *         17.5 ms past the SACKed segment's 70 ms, at 337.5.)
 *  t=345  the same ACK again: nothing delivered, no timing: an invalid sample (-1, -1).
 * </pre>
 */
class RateSampleTest {
    static final long MS = 1_000_000L;

    @Test
    void rate_samples_follow_tcp_rate_c_on_a_timeline_worked_out_by_hand() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        SocketOptions opts = new SocketOptions(-1, -1, false, true, CongestionChoice.defaults(new SampleRecordingType()), false);
        TcpSocket s = p.connect(opts, 1000, 100 * MS);
        assertEquals(1000, s.mss());
        assertEquals(30_000, s.write(30_000, p.sim.now()));
        assertEquals(10, p.sent().size());
        List<SampleRecordingType.Sample> got = SampleRecordingType.samples;

        p.at(200 * MS);
        p.ack(1 + 2000);
        expect(got.get(got.size() - 1), 2, 2, 100_000, true, 0, 100_000);
        assertEquals(20_000, s.deliveryRateBytesPerSecond(), "2 x 1000 B / 100 ms");
        assertEquals(2, p.sent().size());

        p.at(250 * MS);
        p.ack(1 + 10_000);
        expect(got.get(got.size() - 1), 8, 10, 150_000, true, 0, 100_000);
        assertEquals(66_666, s.deliveryRateBytesPerSecond(), "10 x 1000 B / 150 ms");
        assertEquals(8, p.sent().size());

        p.at(300 * MS);
        p.ack(1 + 12_000);
        expect(got.get(got.size() - 1), 2, 10, 100_000, false, 2, 200_000);
        assertEquals(100_000, s.deliveryRateBytesPerSecond());

        p.at(320 * MS);
        p.ack(1 + 12_000, 1 + 19_000, 1 + 20_000);
        expect(got.get(got.size() - 1), 1, 3, 150_000, false, 10, 250_000);
        assertEquals(20_000, s.deliveryRateBytesPerSecond());

        p.at(335 * MS);
        p.ack(1 + 20_000);
        expect(got.get(got.size() - 1), 7, 10, 150_000, false, 10, 250_000);
        assertEquals(66_666, s.deliveryRateBytesPerSecond());

        p.at(345 * MS);
        int before = got.size();
        p.ack(1 + 20_000);
        SampleRecordingType.Sample dup = got.get(got.size() - 1);
        assertEquals(before + 1, got.size());
        assertEquals(0, dup.ackedSacked());
        assertEquals(-1, dup.delivered(), "no timing information: invalid");
        assertEquals(-1, dup.intervalUs());
        assertEquals(66_666, s.deliveryRateBytesPerSecond(), "an invalid sample keeps the last one");
        for (SampleRecordingType.Sample x : got) {
            assertTrue(x.losses() == 0, "nothing was lost: " + x);
        }
    }

    @Test
    void a_writer_that_keeps_data_queued_is_never_application_limited() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18);
        SocketOptions opts = new SocketOptions(-1, -1, false, true, CongestionChoice.defaults(new SampleRecordingType()), false);
        TcpSocket s = p.connect(opts, 1000, 100 * MS);
        assertEquals(30_000, s.write(30_000, p.sim.now())); // the first write finds nothing queued: marked
        p.sent();
        p.at(200 * MS);
        assertTrue(s.write(1000, p.sim.now()) > 0); // 20 segments still unsent: not application-limited
        p.ack(1 + 10_000);
        p.at(300 * MS);
        assertTrue(s.write(1000, p.sim.now()) > 0);
        p.ack(1 + 20_000);
        SampleRecordingType.Sample last = SampleRecordingType.samples.get(SampleRecordingType.samples.size() - 1);
        assertEquals(10, last.delivered());
        assertEquals(false, last.appLimited(), "segments 11-20 were sent with data queued behind them");
    }

    /** One sample: packets newly delivered, then the rate sample's delivered / interval / app-limited / prior fields. */
    private static void expect(SampleRecordingType.Sample x, int ackedSacked, int delivered, long intervalUs,
                               boolean appLimited, int priorDelivered, long priorMstampUs) {
        assertEquals(ackedSacked, x.ackedSacked(), "acked_sacked " + x);
        assertEquals(delivered, x.delivered(), "delivered " + x);
        assertEquals(intervalUs, x.intervalUs(), "interval_us " + x);
        assertEquals(appLimited, x.appLimited(), "is_app_limited " + x);
        assertEquals(priorDelivered, x.priorDelivered(), "prior_delivered " + x);
        assertEquals(priorMstampUs, x.priorMstampUs(), "prior_mstamp " + x);
    }
}
