package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * RACK-TLP as Linux 6.x runs it by default (tcp_recovery = 1, tcp_early_retrans = 3): a lost
 * tail is repaired by a probe 2 srtt after the last ACK instead of an RTO
 * (tcp_schedule_loss_probe, tcp_send_loss_probe); a hole with fewer than three segments SACKed
 * above it is declared lost once min_rtt / 4 has passed (tcp_rack_detect_loss, the reordering
 * timer); and once reordering has been seen, segments arriving up to min_rtt / 4 late cause no
 * retransmission (tcp_rack_reo_wnd).
 */
class RackTlpTest {
    private static final int MSS = 1448;

    private static LinkDirection link(long delayNs, LossModelSpec loss) {
        return new LinkDirection(100_000_000, delayNs, 1000, true, 1500, loss, 0, 0, 0);
    }

    /** A client that writes {@code bytes} at once when connected, over 10 ms each way. */
    private record Run(TcpTestbed tb, TcpTimeline tl, TcpTimeline.ScriptedLoss loss, StreamIntegrityTest.OrderedSink sink,
                       TcpSocket client, java.util.Map<Long, Long> srttUsAtSend) {
    }

    /**
     * Writes {@code segments} full segments after a warm-up of 20 segments (so srtt and min_rtt are
     * known), dropping the data segments whose 1-based index in the second burst is in {@code drop}.
     */
    private static Run run(int segments, int[] drop, String... sysctls) {
        return run(KernelVersion.V6_18, segments, drop, sysctls);
    }

    private static Run run(KernelVersion kernel, int segments, int[] drop, String... sysctls) {
        TcpTimeline.ScriptedLoss loss = new TcpTimeline.ScriptedLoss();
        TcpTestbed tb = new TcpTestbed(1, link(10 * MS, loss), link(10 * MS, LossModelSpec.NONE), kernel, sysctls);
        TcpTimeline tl = new TcpTimeline(tb, true);
        StreamIntegrityTest.OrderedSink sink = new StreamIntegrityTest.OrderedSink();
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        int[] sentInBurst = {0};
        boolean[] burst = {false};
        TcpSocket[] self = {null};
        java.util.Map<Long, Long> srtt = new java.util.HashMap<>();
        tl.onWire = w -> {
            if (w.host().equals("client") && w.sent() && self[0] != null) {
                srtt.put(w.atNs(), self[0].snd.rtt.srttUs());
            }
            if (burst[0] && w.host().equals("client") && w.sent() && w.seg().dataLength > 0) {
                sentInBurst[0]++;
                for (int d : drop) {
                    if (d == sentInBurst[0]) {
                        loss.dropNext = 1; // capture runs before the link: this segment is lost
                    }
                }
            }
        };
        SocketCallbacks app = new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                s.write(20 * MSS, now);
                tb.sim.schedule(now + 1 * S, t -> {
                    burst[0] = true;
                    s.write(segments * MSS, t);
                });
            }
        };
        TcpSocket client = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, app);
        self[0] = client;
        tb.sim.run(30 * S);
        assertEquals((long) (20 + segments) * MSS, sink.received, "the whole stream arrives" + tl.wireDump());
        return new Run(tb, tl, loss, sink, client, srtt);
    }

    private static List<TcpTimeline.Wire> dataSent(Run r, int seq) {
        return r.tl().segments("client", true, s -> s.dataLength > 0 && s.seq == seq);
    }

    @Test
    void a_lost_tail_is_resent_by_a_loss_probe_two_srtt_after_the_last_ack_not_by_an_rto() {
        Run r = run(10, new int[] {8, 9, 10});
        TcpStack c = r.tb().client;
        assertEquals(3, r.loss().dropped);
        assertEquals(1, c.counter(MibCounter.TCP_LOSS_PROBES), r.tl().wireDump());
        assertEquals(0, c.counter(MibCounter.TCP_TIMEOUTS), "no RTO" + r.tl().wireDump());
        // the probe resends the last segment; its SACK proves 8 and 9 lost (RACK), fast recovery resends them
        assertEquals(1, c.counter(MibCounter.TCP_SACK_RECOVERY));
        assertEquals(3, c.counter(MibCounter.TCP_RETRANS_SEGS));
        assertEquals(2, c.counter(MibCounter.TCP_FAST_RETRANS), "the probe is not a fast retransmit");

        int iss = r.client().iss;
        int tailSeq = iss + 1 + (20 + 9) * MSS;
        List<TcpTimeline.Wire> tail = dataSent(r, tailSeq);
        assertEquals(2, tail.size(), "the last segment, then its probe" + r.tl().wireDump());
        // PTO = 2 srtt + TCP_TIMEOUT_MIN (2 ms) with three segments out, from the ACK of segment 7
        List<Long> acks = r.tl().times("client", false, s -> s.ack == iss + 1 + (20 + 7) * MSS && s.dataLength == 0);
        long lastAck = acks.get(0);
        long srttUs = r.srttUsAtSend().get(tail.get(1).atNs()); // unchanged since that ACK: no other came
        assertEquals(2 * srttUs * 1000 + 2 * MS, tail.get(1).atNs() - lastAck, 1000,
                "probe after the last ACK, expected 2 srtt (" + srttUs + " us) + 2 ms" + r.tl().wireDump());
        assertTrue(tail.get(1).atNs() - lastAck < 200 * MS, "well before any RTO");
    }

    @Test
    void without_tail_loss_probes_the_same_tail_waits_for_the_rto() {
        Run r = run(10, new int[] {8, 9, 10}, "net.ipv4.tcp_early_retrans", "0");
        TcpStack c = r.tb().client;
        assertEquals(0, c.counter(MibCounter.TCP_LOSS_PROBES));
        assertEquals(1, c.counter(MibCounter.TCP_TIMEOUTS), r.tl().wireDump());
    }

    @Test
    void a_hole_under_one_sacked_segment_is_lost_after_a_quarter_of_min_rtt_not_after_three_dupacks() {
        // segment 2 of 3 lost: only one segment is SACKed above it, too few for dupthresh
        Run r = run(3, new int[] {2});
        TcpStack c = r.tb().client;
        assertEquals(0, c.counter(MibCounter.TCP_TIMEOUTS));
        assertEquals(0, c.counter(MibCounter.TCP_LOSS_PROBES), "the reordering timer came first");
        assertEquals(1, c.counter(MibCounter.TCP_SACK_RECOVERY));
        assertEquals(1, c.counter(MibCounter.TCP_FAST_RETRANS));
        int iss = r.client().iss;
        int holeSeq = iss + 1 + 21 * MSS;
        List<TcpTimeline.Wire> hole = dataSent(r, holeSeq);
        assertEquals(2, hole.size(), r.tl().wireDump());
        // the SACK of segment 3 arrives; segment 2 is overdue when rack.rtt + min_rtt/4 has passed
        // since it was sent, i.e. min_rtt/4 - (gap between the sends of 2 and 3) after that SACK;
        // the timer adds TCP_TIMEOUT_MIN (2 ms)
        List<Long> sacks = r.tl().times("client", false, s -> s.sackBlocks != null);
        long sackAt = sacks.get(0);
        long gap = dataSent(r, holeSeq + MSS).get(0).atNs() - hole.get(0).atNs();
        long minRtt = r.client().snd.minRttUs() * 1000;
        long expected = sackAt + minRtt / 4 - gap + 2 * MS;
        assertTrue(Math.abs(hole.get(1).atNs() - expected) < MS / 2, "resent at " + hole.get(1).atNs() / 1e6
                + " ms, expected " + expected / 1e6 + r.tl().wireDump());
    }

    /**
     * 6.18 has no dupthresh marking left: with tcp_recovery = 0 RACK marks that hole all the same
     * (own script rack/tcp-recovery-0-still-marks-by-rack.pkt, measured on 6.18.44). On the 4.9
     * profile tcp_recovery = 0 means RFC 6675 dupthresh, and one SACKed segment waits for the probe.
     */
    @Test
    void with_tcp_recovery_0_rack_still_marks_that_hole_but_4_9_waits_for_the_loss_probe() {
        Run r = run(3, new int[] {2}, "net.ipv4.tcp_recovery", "0");
        TcpStack c = r.tb().client;
        assertEquals(0, c.counter(MibCounter.TCP_LOSS_PROBES), r.tl().wireDump());
        assertEquals(1, c.counter(MibCounter.TCP_SACK_RECOVERY));
        assertEquals(dataSent(run(3, new int[] {2}), r.client().iss + 1 + 21 * MSS).get(1).atNs(),
                dataSent(r, r.client().iss + 1 + 21 * MSS).get(1).atNs(), "resent when RACK resends it");
        Run legacy = run(KernelVersion.V4_9, 3, new int[] {2}, "net.ipv4.tcp_recovery", "0");
        assertEquals(1, legacy.tb().client.counter(MibCounter.TCP_LOSS_PROBES), legacy.tl().wireDump());
    }

    /**
     * Reordering only (1 % of segments held back 2 ms, under min_rtt / 4 = 5 ms, no loss; D-SACK off). RACK
     * learns it from the first out-of-order delivery (TCPSACKReorder) and waits the reordering window. The
     * dupthresh path (tcp_recovery = 0, on the 4.9 profile: 6.18 has only RACK) resends the first segment tp->reordering others overtake, but the
     * delayed original then fills the hole and the ACK echoes its timestamp, older than the
     * retransmission (tcp_packet_delayed): tcp_try_undo_partial notes reordering (TCPTSReorder, tp->reordering
     * grows to the distance SACKed beyond prior snd_una) and, the retransmission being acked, undoes the
     * reduction (TCPPartialUndo). So both resend a few segments at most (1 to 2 with seeds 1 to 3). Without
     * timestamps only the SACKs show reordering and dupthresh resends far more (54, 18 and 84).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void reordering_under_a_quarter_of_min_rtt_is_found_by_rack_and_by_eifel_on_the_dupthresh_path(long seed) {
        TcpStack rack = reorderedTransfer(seed, "1", "1");
        TcpStack dupthresh = reorderedTransfer(seed, "0", "1");
        TcpStack dupthreshNoTs = reorderedTransfer(seed, "0", "0");
        long rackResent = rack.counter(MibCounter.TCP_RETRANS_SEGS);
        long dupthreshResent = dupthresh.counter(MibCounter.TCP_RETRANS_SEGS);
        long noTsResent = dupthreshNoTs.counter(MibCounter.TCP_RETRANS_SEGS);
        assertTrue(dupthresh.counter(MibCounter.TCP_PARTIAL_UNDO) >= 1, "tcp_try_undo_partial undid a spurious recovery");
        assertTrue(dupthresh.counter(MibCounter.TCP_TS_REORDER) >= 1, "Eifel noted the reordering");
        assertEquals(0, dupthreshNoTs.counter(MibCounter.TCP_PARTIAL_UNDO), "no timestamps, no Eifel");
        assertTrue(rackResent <= 3 && dupthreshResent <= 3, "RACK " + rackResent + ", dupthresh " + dupthreshResent);
        assertTrue(noTsResent >= 5 * Math.max(1, dupthreshResent), "without timestamps " + noTsResent
                + " vs " + dupthreshResent);
    }

    /**
     * Reordering longer than the reordering window and its timer (15 ms > min_rtt / 4 + 2 ms): RACK resends the late
     * segments; the receiver reports each second copy as a D-SACK (DelayedACKLost,
     * TCPDSACKOldSent), and once every retransmission of an episode is reported duplicate the
     * sender undoes the reduction (tcp_try_undo_dsack, tcp_try_undo_recovery). With tcp_dsack = 0
     * nothing is reported and nothing undone, and the flow is slower.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void dsack_reports_spurious_retransmissions_and_the_sender_undoes_their_reductions(long seed) {
        // timestamps off, so that Eifel (below) does not undo first
        TcpTestbed with = reordered(seed, 15 * MS, "net.ipv4.tcp_dsack", "1", "net.ipv4.tcp_timestamps", "0");
        TcpTestbed without = reordered(seed, 15 * MS, "net.ipv4.tcp_dsack", "0", "net.ipv4.tcp_timestamps", "0");
        TcpStack c = with.client;
        TcpStack s = with.server;
        assertTrue(s.counter(MibCounter.DELAYED_ACK_LOST) > 0);
        assertEquals(s.counter(MibCounter.DELAYED_ACK_LOST), s.counter(MibCounter.TCP_DSACK_OLD_SENT),
                "every wholly old segment is reported");
        long sent = s.counter(MibCounter.TCP_DSACK_OLD_SENT);
        long recv = c.counter(MibCounter.TCP_DSACK_RECV);
        assertTrue(recv <= sent && recv >= sent - 2, "D-SACKs reach the sender (a report replaced before its ACK"
                + " left, or in flight at the end, aside): sent " + sent + ", received " + recv);
        assertEquals(recv, c.counter(MibCounter.TCP_DSACK_RECV_SEGS), "one segment each");
        assertEquals(0, c.counter(MibCounter.TCP_DSACK_IGNORED_DUBIOUS));
        long undos = c.counter(MibCounter.TCP_DSACK_UNDO) + c.counter(MibCounter.TCP_FULL_UNDO);
        assertTrue(undos > 0, "spurious recoveries undone");
        assertEquals(0, without.server.counter(MibCounter.TCP_DSACK_OLD_SENT));
        assertEquals(0, without.client.counter(MibCounter.TCP_DSACK_UNDO) + without.client.counter(MibCounter.TCP_FULL_UNDO));
        long tWith = with.client.counter(MibCounter.TCP_ORIG_DATA_SENT);
        long tWithout = without.client.counter(MibCounter.TCP_ORIG_DATA_SENT);
        assertTrue(tWith > 2 * tWithout, "undoing keeps cwnd: " + tWith + " vs " + tWithout + " segments in 20 s");
    }

    /**
     * The same reordering without D-SACK but with timestamps: an ACK echoing a timestamp older
     * than the first retransmission shows the original arrived (tcp_packet_delayed, Eifel), so
     * the reduction is undone (TCPPartialUndo, TCPFullUndo) and the reordering is noticed
     * (TCPTSReorder), after which RACK's reordering window stops most resends.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void eifel_undoes_spurious_retransmissions_with_timestamps(long seed) {
        TcpTestbed with = reordered(seed, 15 * MS, "net.ipv4.tcp_dsack", "0", "net.ipv4.tcp_timestamps", "1");
        TcpTestbed without = reordered(seed, 15 * MS, "net.ipv4.tcp_dsack", "0", "net.ipv4.tcp_timestamps", "0");
        TcpStack c = with.client;
        assertTrue(c.counter(MibCounter.TCP_PARTIAL_UNDO) + c.counter(MibCounter.TCP_FULL_UNDO) > 0);
        assertTrue(c.counter(MibCounter.TCP_TS_REORDER) > 0);
        assertEquals(0, c.counter(MibCounter.TCP_DSACK_UNDO));
        TcpStack w = without.client;
        assertEquals(0, w.counter(MibCounter.TCP_PARTIAL_UNDO) + w.counter(MibCounter.TCP_FULL_UNDO)
                + w.counter(MibCounter.TCP_LOSS_UNDO) + w.counter(MibCounter.TCP_TS_REORDER));
        long tWith = c.counter(MibCounter.TCP_ORIG_DATA_SENT);
        long tWithout = w.counter(MibCounter.TCP_ORIG_DATA_SENT);
        assertTrue(tWith > 2 * tWithout, tWith + " vs " + tWithout + " segments in 20 s");
    }

    /**
     * A delay spike: 1200 datagrams (1.44 s at 10 Mbps) queue ahead of one segment, which
     * arrives long after the RTO. The RTO retransmits it (after a loss probe); the ACK of the
     * original then echoes a timestamp older than that retransmission, so the RTO was spurious and
     * Loss is undone (tcp_try_undo_loss: TCPLossUndo, cwnd and ssthresh back). Without timestamps
     * the same spike keeps its reduction (F-RTO cannot judge a single segment).
     */
    @Test
    void a_delay_spike_longer_than_the_rto_is_undone_by_eifel() {
        TcpStack withTs = delaySpike(1, "net.ipv4.tcp_timestamps", "1");
        TcpStack withoutTs = delaySpike(1, "net.ipv4.tcp_timestamps", "0");
        assertEquals(1, withTs.counter(MibCounter.TCP_LOSS_UNDO));
        assertEquals(0, withTs.counter(MibCounter.TCP_SPURIOUS_RTOS), "Eifel's verdict, not F-RTO's");
        assertEquals(0, withoutTs.counter(MibCounter.TCP_LOSS_UNDO));
    }

    /**
     * The same spike ahead of twenty segments (more than the window restarted after idle, so new
     * data waits), without timestamps: F-RTO (tcp_frto = 2, RFC 5682) retransmits the first, sends
     * new data on the ACK that advances, and the ACK of the never-retransmitted second segment
     * proves the timeout spurious (TCPSpuriousRTOs, TCPLossUndo). With tcp_frto = 0 the RTO
     * stands. (With nothing new to send, step 2.b gives up: the receiver, back from a gap longer
     * than its RTO, ACKs each segment at once, so the first ACK covers only the retransmitted one.)
     */
    @Test
    void f_rto_finds_a_spurious_timeout_without_timestamps() {
        TcpStack frto = delaySpike(20, "net.ipv4.tcp_timestamps", "0");
        TcpStack off = delaySpike(20, "net.ipv4.tcp_timestamps", "0", "net.ipv4.tcp_frto", "0");
        assertEquals(1, frto.counter(MibCounter.TCP_SPURIOUS_RTOS));
        assertEquals(1, frto.counter(MibCounter.TCP_LOSS_UNDO));
        assertEquals(0, off.counter(MibCounter.TCP_SPURIOUS_RTOS) + off.counter(MibCounter.TCP_LOSS_UNDO));
        assertTrue(frto.counter(MibCounter.TCP_RETRANS_SEGS) < off.counter(MibCounter.TCP_RETRANS_SEGS),
                "F-RTO resends less: " + frto.counter(MibCounter.TCP_RETRANS_SEGS) + " vs "
                        + off.counter(MibCounter.TCP_RETRANS_SEGS));
    }

    /** A warmed-up connection over 10 Mbps; 2 s in, 1200 datagrams queue ahead of {@code segments} more. */
    /**
     * The same F-RTO verdict off the RACK path (6.18's tcp_enter_loss arms F-RTO whatever the loss
     * detection; tcp_process_loss runs its basic version without SACK): without SACK the timeout is found
     * spurious (TCPSpuriousRTOs, TCPLossUndo), and with tcp_recovery = 0 too (on 6.18 that is RACK all
     * the same).
     */
    @Test
    void f_rto_judges_the_timeout_without_sack_and_without_rack_too() {
        TcpStack noSack = delaySpike(20, "net.ipv4.tcp_timestamps", "0", "net.ipv4.tcp_sack", "0");
        TcpStack noRack = delaySpike(20, "net.ipv4.tcp_timestamps", "0", "net.ipv4.tcp_recovery", "0");
        TcpStack off = delaySpike(20, "net.ipv4.tcp_timestamps", "0", "net.ipv4.tcp_sack", "0",
                "net.ipv4.tcp_frto", "0");
        assertEquals(1, noSack.counter(MibCounter.TCP_SPURIOUS_RTOS), "without SACK");
        assertEquals(1, noSack.counter(MibCounter.TCP_LOSS_UNDO), "without SACK");
        assertEquals(1, noRack.counter(MibCounter.TCP_SPURIOUS_RTOS), "tcp_recovery = 0");
        assertEquals(0, off.counter(MibCounter.TCP_SPURIOUS_RTOS) + off.counter(MibCounter.TCP_LOSS_UNDO));
    }

    private static TcpStack delaySpike(int segments, String... sysctls) {
        LinkDirection slow = new LinkDirection(10_000_000, 10 * MS, 5000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(1, slow, link(10 * MS, LossModelSpec.NONE), KernelVersion.V6_18, sysctls);
        StreamIntegrityTest.OrderedSink sink = new StreamIntegrityTest.OrderedSink();
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        // a send buffer that takes both writes whole (this writer never waits for space)
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS.withSndbuf(1 << 20), new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                s.write(40 * MSS, now); // warm-up: cwnd grows, srtt is learnt
                tb.sim.schedule(now + 2 * S, (org.tcpsim.engine.Event) t -> {
                    for (int i = 0; i < 1200; i++) {
                        tb.clientHost.send(new org.tcpsim.net.Datagram(TcpTestbed.CLIENT, 9, TcpTestbed.SERVER, 9, 1500,
                                i, t), t);
                    }
                    s.write(segments * MSS, t); // queued behind the burst
                });
            }
        });
        tb.sim.run(10 * S);
        assertEquals((40L + segments) * MSS, sink.received, "the stream arrives");
        assertTrue(tb.client.counter(MibCounter.TCP_TIMEOUTS) >= 1, "the spike outlasts the RTO");
        return tb.client;
    }

    /** A bulk transfer for 20 s with 1 % of data segments held back {@code delayNs}, no loss. */
    private static TcpTestbed reordered(long seed, long delayNs, String... sysctls) {
        LinkDirection up = new LinkDirection(100_000_000, 10 * MS, 1000, true, 1500, LossModelSpec.NONE, 0.01,
                delayNs, 0);
        TcpTestbed tb = new TcpTestbed(seed, up, link(10 * MS, LossModelSpec.NONE), KernelVersion.V6_18, sysctls);
        StreamIntegrityTest.OrderedSink sink = new StreamIntegrityTest.OrderedSink();
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new TcpTransferTest.Source(1L << 40));
        tb.sim.run(20 * S);
        return tb;
    }

    private static TcpStack reorderedTransfer(long seed, String recovery, String timestamps) {
        LinkDirection up = new LinkDirection(100_000_000, 10 * MS, 1000, true, 1500, LossModelSpec.NONE, 0.01,
                2 * MS, 0);
        // without D-SACK undo, which would otherwise keep cwnd (and so how many segments overtake) apart
        KernelVersion kernel = recovery.equals("0") ? KernelVersion.V4_9 : KernelVersion.V6_18; // 6.18: RACK only
        TcpTestbed tb = new TcpTestbed(seed, up, link(10 * MS, LossModelSpec.NONE), kernel,
                "net.ipv4.tcp_recovery", recovery, "net.ipv4.tcp_dsack", "0", "net.ipv4.tcp_timestamps", timestamps);
        StreamIntegrityTest.OrderedSink sink = new StreamIntegrityTest.OrderedSink();
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        long total = 20_000_000;
        TcpTransferTest.Source src = new TcpTransferTest.Source(total);
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, src);
        tb.sim.run(60 * S);
        assertEquals(total, sink.received, "seed " + seed + " tcp_recovery " + recovery);
        if (recovery.equals("1")) {
            assertTrue(tb.client.counter(MibCounter.TCP_SACK_REORDER) > 0, "reordering was noticed");
        }
        return tb.client;
    }
}
