package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.AckFlags;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.BernoulliLoss;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * The hooks a module with .cong_control relies on (BBR): tcp_cong_control hands it every ACK
 * instead of PRR and cong_avoid, with the rate sample tcp_rate.c made; in_ack_event hears every ACK;
 * pkts_acked and release run.
 */
class CongControlHookTest {
    static final long MS = 1_000_000;

    @Test
    void cong_control_owns_cwnd_and_sees_every_ack() {
        RecordingCongestionType.made.clear();
        TcpTestbed tb = TcpTestbed.simple(10 * MS);
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.server.listen(80, 16, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        SocketOptions opts = recording();
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, opts, new TcpTransferTest.Source(1_000_000));
        int[] maxCwnd = new int[1];
        tb.sim.schedule(100 * MS, new org.tcpsim.engine.Event() {
            @Override
            public void fire(long now) {
                maxCwnd[0] = Math.max(maxCwnd[0], c.cwnd());
                if (now < 20_000 * MS) {
                    tb.sim.schedule(now + MS, this);
                }
            }
        });
        tb.sim.run(20_000 * MS);
        assertEquals(1_000_000, sink.received);
        RecordingCongestionType.Recorder r = RecordingCongestionType.made.get(0);
        assertEquals(1, r.inits);
        assertEquals(RecordingCongestionType.WINDOW, maxCwnd[0], "cong_control alone set cwnd");
        // 691 segments of 1448 bytes (the FIN rides on the last): each delivered once on a clean link
        int segments = (int) Math.ceil(1_000_000 / 1448.0);
        assertEquals(segments, r.ackedSacked, "acked_sacked sums to every segment");
        assertEquals(segments, r.pktsAcked, "pkts_acked sums to the same");
        assertTrue(r.congControls > 0 && r.congControls <= r.inAckEvents, r.congControls + " / " + r.inAckEvents);
        // tcp_rate.c: most ACKs give a valid sample; none spans less than the path's RTT (2 x 10 ms)
        // or claims more than the link's payload rate (100 Mbit/s x 1448 / 1500)
        assertTrue(r.validRateSamples > r.congControls / 2, r.validRateSamples + " of " + r.congControls);
        assertEquals(r.congControls, r.validRateSamples + r.invalidRateSamples, "a sample is valid or invalid, never half");
        assertTrue(r.minIntervalUs >= 20_000, "interval " + r.minIntervalUs + " us");
        assertTrue(r.maxRateBps <= 100e6 * 1448 / 1500, "rate " + r.maxRateBps);
        assertTrue(r.rttSamples > 0);
        int expected = AckFlags.FLAG_SLOWPATH | AckFlags.FLAG_DATA_ACKED | AckFlags.FLAG_SND_UNA_ADVANCED
                | AckFlags.FLAG_WIN_UPDATE;
        assertEquals(expected, r.flagsSeen & expected, Integer.toHexString(r.flagsSeen));
        assertEquals(0, r.flagsSeen & ~AckFlags.FILLED, "only the documented bits");
        assertEquals(1, r.releases, "released when the socket was destroyed");
    }

    /**
     * An ACK that (s)acks nothing has no RTT sample: rs->rtt_us is -1 (tcp_ack_update_rtt's ca_rtt_us),
     * not what the previous ACK measured. Both ends send at once, so each data segment carries an ACK
     * field, and those after the first of a flight ack nothing new.
     */
    @Test
    void an_ack_that_acks_nothing_hands_cong_control_no_rtt() {
        RecordingCongestionType.made.clear();
        TcpTestbed tb = TcpTestbed.simple(10 * MS);
        SocketOptions opts = recording();
        Both server = new Both(1_000_000);
        Both client = new Both(1_000_000);
        tb.server.listen(80, 16, opts, (l, now) -> server.writable(l.accept(server), now));
        tb.client.connect(TcpTestbed.SERVER, 80, opts, client);
        tb.sim.run(20_000 * MS);
        assertEquals(1_000_000, server.received);
        assertEquals(1_000_000, client.received);
        assertEquals(2, RecordingCongestionType.made.size(), "one module per side");
        int empty = 0;
        int samples = 0;
        for (RecordingCongestionType.Recorder r : RecordingCongestionType.made) {
            assertEquals(0, r.emptyAcksWithRtt, r.emptyAcksWithRtt + " of " + r.emptyAcks + " empty ACKs kept an RTT");
            empty += r.emptyAcks;
            samples += r.rttSamples;
        }
        assertTrue(empty > 100 && samples > 100, empty + " empty ACKs, " + samples + " RTT samples");
    }

    /**
     * tcp_ack's no_queue: an ACK that finds nothing outstanding (!prior_packets) goes no further than
     * tcp_in_ack_event, tcp_ack_probe and tcp_process_tlp_ack; tcp_cong_control does not run, so
     * cwnd and the pacing rate stay as they were. The receiver of a one-way transfer gets the ACK
     * field of every data segment with nothing of its own in flight; only the ACK of its FIN, the one
     * thing it ever sends, reaches cong_control.
     */
    @Test
    void an_ack_with_nothing_outstanding_stops_at_no_queue() {
        RecordingCongestionType.made.clear();
        TcpTestbed tb = TcpTestbed.simple(10 * MS);
        SocketOptions opts = recording();
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.server.listen(80, 16, opts, (l, now) -> l.accept(sink));
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new TcpTransferTest.Source(1_000_000));
        tb.sim.run(20_000 * MS);
        assertEquals(1_000_000, sink.received);
        assertEquals(1, RecordingCongestionType.made.size(), "the receiver's module only");
        RecordingCongestionType.Recorder r = RecordingCongestionType.made.get(0);
        int segments = (int) Math.ceil(1_000_000 / 1448.0);
        assertTrue(r.inAckEvents >= segments, r.inAckEvents + " ACKs heard by in_ack_event");
        assertEquals(1, r.congControls, "cong_control ran only for the ACK of the receiver's FIN");
    }

    /**
     * tcp_clean_rtx_queue calls pkts_acked on every ACK it cleans, one that only SACKed too, with
     * rtt_us = rs->rtt_us: ca_rtt_us, the RTT of the newest segment (s)acked, not srtt's seq_rtt_us
     * from the oldest one. A 2 % lossy path makes SACK-only ACKs, and ACKs of several segments.
     */
    @Test
    void pkts_acked_hears_sack_only_acks_with_the_rate_samples_rtt() {
        RecordingCongestionType.made.clear();
        LinkDirection lossy = new LinkDirection(100_000_000, 10 * MS, 1000, true, 1500, bernoulli(0.02), 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(3, lossy, TcpTestbed.link(100_000_000, 10 * MS), KernelVersion.V6_18);
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.server.listen(80, 16, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        tb.client.connect(TcpTestbed.SERVER, 80, recording(), new TcpTransferTest.Source(2_000_000));
        tb.sim.run(60_000 * MS);
        assertEquals(2_000_000, sink.received);
        RecordingCongestionType.Recorder r = RecordingCongestionType.made.get(0);
        assertTrue(r.sackOnlyPktsAcked > 10, r.sackOnlyPktsAcked + " SACK-only ACKs reached pkts_acked with an RTT");
        assertEquals(0, r.pktsAckedRttMismatches, "pkts_acked's rtt_us is rs->rtt_us");
    }

    private static LossModelSpec bernoulli(double p) {
        return new LossModelSpec() {
            @Override
            public LossModel create() {
                return new BernoulliLoss(p);
            }

            @Override
            public double expectedLossRate() {
                return p;
            }
        };
    }

    /** Default options with the recording .cong_control module. */
    private static SocketOptions recording() {
        return new SocketOptions(-1, -1, false, false, CongestionChoice.defaults(new RecordingCongestionType()), false);
    }

    /** Writes {@code total} bytes (and keeps the connection open) while reading all it is sent. */
    static final class Both implements SocketCallbacks {
        final long total;
        long written;
        long received;

        Both(long total) {
            this.total = total;
        }

        @Override
        public void connected(TcpSocket s, long now) {
            writable(s, now);
        }

        @Override
        public void readable(TcpSocket s, long now) {
            for (int n = s.read(1 << 20, now); n > 0; n = s.read(1 << 20, now)) {
                received += n;
            }
        }

        @Override
        public void writable(TcpSocket s, long now) {
            while (written < total) {
                int n = s.write((int) Math.min(1 << 20, total - written), now);
                if (n == 0) {
                    return;
                }
                written += n;
            }
        }
    }
}
