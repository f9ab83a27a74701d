package org.tcpsim.bench;

import org.tcpsim.engine.Event;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.Datagram;
import org.tcpsim.net.Host;
import org.tcpsim.net.Interface;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.Network;
import org.tcpsim.net.Node;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * A packet storm across three hops (host - router - router - host) on 100 Gbps links: measures
 * the network path (routing, queue, serialisation, one event per hop) in packet-hops per second.
 */
public final class PacketStormBenchmark {
    private static final int BURST = 64;
    private static final int SIZE = 1000;

    private PacketStormBenchmark() {
    }

    public static Result run(long packets) {
        Result warm = storm(Math.min(packets / 4, 1_000_000));
        if (warm.hops() == 0) {
            throw new IllegalStateException("warm-up delivered nothing");
        }
        return storm(packets);
    }

    private static Result storm(long packets) {
        Simulation sim = new Simulation();
        Network net = new Network(sim, new RandomStreams(1));
        Host a = net.addHost("a", 0x0a000001);
        net.addRouter("r1", 0x0a000101);
        net.addRouter("r2", 0x0a000201);
        Host b = net.addHost("b", 0x0a000002);
        LinkDirection d = new LinkDirection(100_000_000_000L, 10_000, 10_000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        net.connect("a", "r1", d, d);
        net.connect("r1", "r2", d, d);
        net.connect("r2", "b", d, d);
        net.computeRoutes();
        long[] received = new long[1];
        b.bindDatagram(9, (dg, now) -> received[0]++);
        long gapNs = d.serializationNs(SIZE) * BURST + 1;
        Event sender = new Event() {
            long sent;

            @Override
            public void fire(long now) {
                for (int i = 0; i < BURST && sent < packets; i++, sent++) {
                    a.send(new Datagram(a.address(), 1, b.address(), 9, SIZE, sent, now), now);
                }
                if (sent < packets) {
                    sim.schedule(now + gapNs, this);
                }
            }
        };
        sim.schedule(0, sender);
        long start = System.nanoTime();
        sim.run(Long.MAX_VALUE);
        double wall = (System.nanoTime() - start) / 1e9;
        long hops = 0;
        for (Node n : net.nodes()) {
            for (Interface i : n.interfaces()) {
                hops += i.stats().delivered();
            }
        }
        return new Result(received[0], hops, sim.eventsExecuted(), wall);
    }

    public record Result(long delivered, long hops, long events, double wallSeconds) {
        public double hopsPerSecond() {
            return hops / wallSeconds;
        }
    }
}
