package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.Network;
import org.tcpsim.net.Packet;
import org.tcpsim.net.loss.BernoulliLoss;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Delivered segments are reused by the stack that built them (SegmentPool): a reused segment must
 * read as a new one, reuse must change nothing a run computes, and a segment someone else may
 * still hold (a capture hook) must never be reused.
 */
class SegmentPoolTest {
    static final long MS = 1_000_000;

    /** Every instance field of TcpSegment and Packet, so a field added later and not cleared fails here. */
    private static List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = TcpSegment.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("pool")) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }

    @Test
    void aReusedSegmentReadsAsANewOne() throws Exception {
        Network net = new Network(new Simulation(), new RandomStreams(1));
        net.addHost("a", 1);
        net.addHost("b", 2);
        LinkDirection d = TcpTestbed.link(1_000_000, MS);
        Object anInterface = net.connect("a", "b", d, d).aToB();
        SegmentPool pool = new SegmentPool();
        TcpSegment s = pool.take();
        assertSame(pool, s.pool);
        List<Field> fields = fields();
        assertTrue(fields.size() >= 20, "Packet's and TcpSegment's fields: " + fields);
        for (Field f : fields) {
            Class<?> t = f.getType();
            if (t == int.class) {
                f.setInt(s, f.getInt(s) + 12345);
            } else if (t == boolean.class) {
                f.setBoolean(s, !f.getBoolean(s));
            } else if (t == int[].class) {
                f.set(s, new int[] {1, 2});
            } else {
                f.set(s, anInterface); // Packet.via, the only reference field besides the pool
            }
        }
        pool.give(s);
        TcpSegment again = pool.take();
        assertSame(s, again, "the free list hands the segment back");
        TcpSegment fresh = new TcpSegment();
        for (Field f : fields) {
            Object want = f.get(fresh);
            Object got = f.get(again);
            if (want instanceof int[] w) {
                assertArrayEquals(w, (int[]) got, f.getName());
            } else {
                assertEquals(want, got, f.getName() + " is not cleared");
            }
        }
        assertNull(again.sackBlocks);
        assertEquals(Packet.PROTO_TCP, again.protocol);
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

    /** One transfer over a lossy, reordering, duplicating path; the capture hooks turn reuse off. */
    private static List<Long> transfer(long seed, boolean captured, TcpTestbed[] keep) {
        LinkDirection lossy = new LinkDirection(50_000_000, 10 * MS, 200, true, 1500, bernoulli(0.01), 0.03,
                3 * MS, 0.01);
        LinkDirection back = new LinkDirection(50_000_000, 10 * MS, 200, true, 1500, bernoulli(0.005), 0.02,
                2 * MS, 0.01);
        TcpTestbed tb = new TcpTestbed(seed, lossy, back, KernelVersion.V6_18);
        keep[0] = tb;
        if (captured) {
            tb.client.setCapture(p -> { });
            tb.server.setCapture(p -> { });
        }
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.server.listen(5001, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        TcpTransferTest.Source src = new TcpTransferTest.Source(3_000_000);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 5001, SocketOptions.DEFAULTS, src);
        tb.sim.run(60_000 * MS);
        List<Long> out = new ArrayList<>(List.of(sink.received, c.endedAtNs(), tb.sim.eventsExecuted()));
        for (MibCounter m : MibCounter.values()) {
            out.add(tb.client.counter(m));
            out.add(tb.server.counter(m));
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void reuseChangesNothingARunComputes(long seed) {
        TcpTestbed[] pooled = new TcpTestbed[1];
        List<Long> withReuse = transfer(seed, false, pooled);
        List<Long> without = transfer(seed, true, new TcpTestbed[1]);
        assertEquals(3_000_000L, withReuse.get(0), "seed " + seed + ": the transfer completes");
        assertTrue(withReuse.get(1) > 0, "seed " + seed + ": and ends");
        assertEquals(without, withReuse, "seed " + seed + ": the same run with and without reuse");
        assertTrue(pooled[0].client.counter(MibCounter.TCP_RETRANS_SEGS) > 0, "seed " + seed + ": losses happened");
        assertTrue(pooled[0].client.pooledSegments() > 0 && pooled[0].server.pooledSegments() > 0,
                "seed " + seed + ": both stacks got delivered segments back");
    }

    @Test
    void aCapturedSegmentIsNeverReused() {
        TcpTestbed tb = TcpTestbed.simple(5 * MS);
        List<TcpSegment> seen = new ArrayList<>();
        tb.server.setCapture(p -> seen.add((TcpSegment) p)); // what the server sends and receives
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.server.listen(5001, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        tb.client.connect(TcpTestbed.SERVER, 5001, SocketOptions.DEFAULTS, new TcpTransferTest.Source(2_000_000));
        tb.sim.run(10_000 * MS);
        assertEquals(2_000_000, sink.received);
        Set<TcpSegment> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(seen);
        assertEquals(seen.size(), distinct.size(), "a captured segment came back as another one");
        assertTrue(seen.size() > 2_000_000 / 1448, "the capture saw the transfer");
        // the server's segments are built new (it has a hook), the client's are not taken back by
        // the server (it has a hook): neither gets anything back
        assertEquals(0, tb.server.pooledSegments());
        assertEquals(0, tb.client.pooledSegments());
    }
}
