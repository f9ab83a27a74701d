package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * [6.18] tcp_input.c: __tcp_ack_snd_check, tcp_compressed_ack_kick; tcp_output.c:
 * tcp_event_ack_sent. With a hole in the sequence space and SACK, the receiver ACKs the first
 * three out-of-order segments at once (the sender's dupthresh may need them), then folds the
 * following ones into one ACK every min(tcp_comp_sack_delay_ns = 1 ms, srtt / 20)
 * (TCPAckCompressed counts the ACKs saved). tcp_comp_sack_nr = 0 turns it off.
 */
class SackCompressionTest {
    private static final int MSS = 1448;

    /** 300 segments over 100 Mbps x 20 ms RTT, the client's 101st packet (a data segment) lost. */
    private record Hole(TcpTestbed tb, TcpTimeline tl, int holeSeq, long repairedAt, List<Long> oooArrivals,
                        List<TcpTimeline.Wire> acks) {
        static Hole run(String... sysctls) {
            TcpTimeline.ScriptedLoss toServer = new TcpTimeline.ScriptedLoss();
            toServer.passFirst = 100;
            toServer.dropNext = 1;
            TcpTestbed tb = new TcpTestbed(1, ConnectionCloseTest.link(10 * MS, toServer),
                    TcpTestbed.link(100_000_000, 10 * MS), KernelVersion.V6_18, sysctls);
            TcpTimeline tl = new TcpTimeline(tb, true);
            // SO_RCVBUF 128 KiB: the receive window stops growing after about 34 segments; while it grows,
            // every segment sets icsk_ack.quick (tcp_grow_window) and is ACKed at once, compressed or not
            tb.server.listen(80, 128, new SocketOptions(128 << 10, -1, false, false, null, false),
                    (l, now) -> l.accept(new StreamIntegrityTest.OrderedSink()));
            tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() {
                int left = 300 * MSS;

                @Override
                public void connected(TcpSocket s, long now) {
                    writable(s, now);
                }

                @Override
                public void writable(TcpSocket s, long now) {
                    int n;
                    while (left > 0 && (n = s.write(left, now)) > 0) {
                        left -= n;
                    }
                }
            });
            tb.sim.run(5 * S);
            assertEquals(1, toServer.dropped);
            // the lost segment: the one the client had to send twice
            List<TcpTimeline.Wire> sent = tl.segments("client", true, s -> s.dataLength > 0);
            List<TcpTimeline.Wire> received = tl.segments("server", false, s -> s.dataLength > 0);
            int holeSeq = sent.stream().map(w -> w.seg().seq)
                    .filter(seq -> sent.stream().filter(w -> w.seg().seq == seq).count() > 1).findFirst().orElseThrow();
            int hole = holeSeq;
            long repairedAt = received.stream().filter(r -> r.seg().seq == hole).findFirst().orElseThrow().atNs();
            List<Long> ooo = received.stream().filter(r -> Seq.gt(r.seg().seq, hole) && r.atNs() < repairedAt)
                    .map(TcpTimeline.Wire::atNs).toList();
            List<TcpTimeline.Wire> acks = tl.segments("server", true, s -> s.dataLength == 0 && s.sackBlocks != null).stream()
                    .filter(w -> w.atNs() >= ooo.get(0) && w.atNs() < repairedAt).toList();
            return new Hole(tb, tl, hole, repairedAt, ooo, acks);
        }
    }

    @Test
    void after_three_immediate_dupacks_out_of_order_segments_share_one_ack_per_millisecond() {
        Hole h = Hole.run();
        int n = h.oooArrivals().size();
        assertTrue(n > 20, "a hole with many segments behind it: " + n);
        for (int i = 0; i < 3; i++) {
            assertEquals(h.oooArrivals().get(i), h.acks().get(i).atNs(), "dupack " + (i + 1) + " at once");
        }
        // then one ACK per compressed-ACK timer: rtt / 20 = 1 ms here (20 ms RTT, srtt and the
        // receiver's estimate alike), as tcp_comp_sack_delay_ns
        for (int i = 4; i < h.acks().size(); i++) {
            long gap = h.acks().get(i).atNs() - h.acks().get(i - 1).atNs();
            assertTrue(gap >= MS - MS / 10, "compressed ACKs at least ~1 ms apart: " + gap);
        }
        long saved = h.tb().server.counter(MibCounter.TCP_ACK_COMPRESSED);
        assertEquals(n - h.acks().size(), saved, "TCPAckCompressed counts the ACKs not sent");
        assertTrue(h.acks().size() < n / 3, h.acks().size() + " ACKs for " + n + " out-of-order segments");
    }

    @Test
    void tcp_comp_sack_nr_zero_acks_every_out_of_order_segment() {
        Hole h = Hole.run("net.ipv4.tcp_comp_sack_nr", "0");
        assertEquals(h.oooArrivals().size(), h.acks().size());
        assertEquals(h.oooArrivals(), h.acks().stream().map(TcpTimeline.Wire::atNs).toList());
        assertEquals(0, h.tb().server.counter(MibCounter.TCP_ACK_COMPRESSED));
    }

    /** Drops the client's packets of the given ordinals (1 = its first packet towards the server). */
    private record DropOrdinals(Set<Integer> ordinals, int[] seen) implements LossModelSpec, LossModel {
        @Override
        public LossModel create() {
            return this;
        }

        @Override
        public boolean drop(SplittableRandom random, long nowNs) {
            return ordinals.contains(++seen[0]);
        }

        @Override
        public double expectedLossRate() {
            return 0;
        }
    }

    /**
     * tcp_sack_new_ofo_skb (TCP_SACK_BLOCKS_EXPECTED): every other segment from the 101st lost, so
     * each later out-of-order one starts a SACK block. After the three immediate duplicate ACKs the
     * next one waits for the timer; the one after, a new block behind two, sends that waiting ACK at
     * once (tcp_sack_compress_send_ack), with the blocks as they were: not yet its own.
     * As delayed_ack/sack-compression-flushed-before-a-third-block.pkt.
     */
    @Test
    void a_new_sack_block_behind_two_sends_the_compressed_ack_at_once() {
        TcpTestbed tb = new TcpTestbed(1, ConnectionCloseTest.link(10 * MS,
                new DropOrdinals(Set.of(101, 103, 105, 107, 109), new int[1])),
                TcpTestbed.link(100_000_000, 10 * MS), KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        tb.server.listen(80, 128, new SocketOptions(128 << 10, -1, false, false, null, false),
                (l, now) -> l.accept(new StreamIntegrityTest.OrderedSink()));
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() {
            int left = 300 * MSS;

            @Override
            public void connected(TcpSocket s, long now) {
                writable(s, now);
            }

            @Override
            public void writable(TcpSocket s, long now) {
                int n;
                while (left > 0 && (n = s.write(left, now)) > 0) {
                    left -= n;
                }
            }
        });
        tb.sim.run(5 * S);
        List<TcpTimeline.Wire> sent = tl.segments("client", true, x -> x.dataLength > 0);
        List<Integer> holes = sent.stream().map(w -> w.seg().seq).distinct()
                .filter(seq -> sent.stream().filter(w -> w.seg().seq == seq).count() > 1).toList(); // in order of first send: sequence order
        assertTrue(holes.size() >= 5, "five holes: " + holes.size());
        // out-of-order arrivals, each just after a hole: the first three are answered at once
        List<TcpTimeline.Wire> received = tl.segments("server", false, x -> x.dataLength > 0);
        List<TcpTimeline.Wire> acks = tl.segments("server", true, x -> x.dataLength == 0 && x.sackBlocks != null);
        int fifth = holes.get(4) + MSS; // the segment after the fifth hole: a new block behind four
        TcpTimeline.Wire x = received.stream().filter(r -> r.seg().seq == fifth).findFirst().orElseThrow();
        List<TcpTimeline.Wire> atOnce = acks.stream().filter(a -> a.atNs() == x.atNs()).toList();
        assertEquals(1, atOnce.size(), "the waiting ACK leaves as the segment arrives");
        int[] b = atOnce.get(0).seg().sackBlocks;
        for (int i = 0; i + 1 < b.length; i += 2) {
            assertTrue(!Seq.le(b[i], fifth) || !Seq.ge(b[i + 1], fifth + MSS), "its blocks are those before it arrived");
        }
        int fourth = holes.get(3) + MSS; // the one before, which waited
        TcpTimeline.Wire w = received.stream().filter(r -> r.seg().seq == fourth).findFirst().orElseThrow();
        assertEquals(0, acks.stream().filter(a -> a.atNs() == w.atNs()).count(), "the fourth out-of-order segment waited");
        assertTrue(b[0] == fourth, "the flushed ACK reports the waiting segment's block first");
    }
}
