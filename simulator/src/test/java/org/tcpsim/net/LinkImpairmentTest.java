package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.BernoulliLoss;
import org.tcpsim.net.loss.GilbertElliottLoss;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;

/** Randomised over seeds: whatever the loss, reordering and duplication, packets are conserved. */
class LinkImpairmentTest {

    private static LossModelSpec spec(LossModel model, double rate) {
        return new LossModelSpec() {
            @Override
            public LossModel create() {
                return model;
            }

            @Override
            public double expectedLossRate() {
                return rate;
            }
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void sent_equals_delivered_plus_counted_drops(long seed) {
        SplittableRandom cfg = new SplittableRandom(seed);
        double p = cfg.nextDouble() * 0.3;
        LossModel loss = cfg.nextBoolean() ? new BernoulliLoss(p)
                : new GilbertElliottLoss(cfg.nextDouble() * 0.1, 0.1 + cfg.nextDouble() * 0.5, 0, 1);
        LinkDirection d = new LinkDirection(10_000_000, 2_000_000, 1 + cfg.nextInt(20), true, 1500,
                spec(loss, 0), cfg.nextDouble() * 0.3, 3_000_000, cfg.nextDouble() * 0.1);
        LinkDirection back = new LinkDirection(10_000_000, 2_000_000, 100, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        Simulation sim = new Simulation();
        Network net = new Network(sim, new RandomStreams(seed));
        Host a = net.addHost("a", 1);
        Host b = net.addHost("b", 2);
        Link link = net.connect("a", "b", d, back);
        net.computeRoutes();
        long[] received = new long[1];
        BitSet seen = new BitSet();
        long[] dupes = new long[1];
        b.bindDatagram(9, (dg, now) -> {
            received[0]++;
            if (seen.get((int) dg.seq)) {
                dupes[0]++;
            }
            seen.set((int) dg.seq);
        });
        int n = 5000;
        for (int i = 0; i < n; i++) {
            int seq = i;
            sim.schedule(cfg.nextLong(1_000_000_000L), now -> a.send(new Datagram(1, 1, 2, 9, 200 + seq % 1000, seq, now), now));
        }
        sim.run(Long.MAX_VALUE);
        InterfaceStats s = link.aToB().stats();
        String where = "seed " + seed + " " + s;
        assertEquals(n, s.txPackets() + s.droppedQueue() + s.droppedMtu(), where);
        assertEquals(s.txPackets() - s.droppedLoss() + s.duplicated(), received[0], where);
        assertEquals(s.duplicated(), dupes[0], where);
        assertEquals(0, s.inFlight(), where);
        assertEquals(received[0], b.counter(IpCounter.UDP_IN_DATAGRAMS), where);
        assertTrue(s.droppedLoss() <= s.txPackets(), where);
    }
}
