package org.tcpsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.SysctlNames;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Host;
import org.tcpsim.net.Interface;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.Network;
import org.tcpsim.net.Node;
import org.tcpsim.net.loss.LossModelSpec;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpStack;
import org.tcpsim.tcp.TopologyHost;

/**
 * Bulk TCP flows from one host to another across a router over a shared bottleneck: measures
 * the whole TCP path (segments built, queued, carried, acknowledged) in packets per wall second.
 */
public final class TcpBulkBenchmark {
    private TcpBulkBenchmark() {
    }

    /** {@code pacingTimerFires} and {@code dataSegments}: the senders' pacing timer events and data segments sent. */
    public record Result(int flows, long packets, long bytesAcked, long events, double wallSeconds,
                         double simulatedSeconds, long peakHeapBytes, long pacingTimerFires, long dataSegments) {
        public double packetsPerSecond() {
            return packets / wallSeconds;
        }
    }

    /**
     * @param rateBps bottleneck rate (access links are 10x faster)
     * @param rttNs   round-trip propagation delay
     */
    public static Result run(int flows, long rateBps, long rttNs, long simulatedNs) {
        return run(flows, rateBps, rttNs, simulatedNs, "cubic");
    }

    /** The same with the senders' net.ipv4.tcp_congestion_control set to {@code congestionControl}. */
    public static Result run(int flows, long rateBps, long rttNs, long simulatedNs, String congestionControl) {
        Simulation sim = new Simulation();
        RandomStreams random = new RandomStreams(1);
        Network net = new Network(sim, random);
        Host a = net.addHost("sender", 0x0a000001);
        net.addRouter("r", 0x0a0000fe);
        Host b = net.addHost("receiver", 0x0a000002);
        long bdpPackets = Math.max(100, rateBps / 8 * rttNs / 1_000_000_000L / 1500);
        LinkDirection access = new LinkDirection(rateBps * 10, rttNs / 4, 100_000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        LinkDirection bottleneck = new LinkDirection(rateBps, rttNs / 4, bdpPackets, true, 1500, LossModelSpec.NONE,
                0, 0, 0);
        net.connect("sender", "r", access, access);
        net.connect("r", "receiver", bottleneck, access);
        net.computeRoutes();
        Sysctls s = Sysctls.defaults(KernelVersion.V6_18, 64L << 30);
        Sysctls txs;
        try {
            txs = s.with(SysctlNames.TCP_CONGESTION_CONTROL, congestionControl);
        } catch (SysctlException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        TcpStack tx = TopologyHost.stack(a, sim, random, KernelVersion.V6_18, txs);
        TcpStack rx = TopologyHost.stack(b, sim, random, KernelVersion.V6_18, s);
        rx.listen(5001, 65535, SocketOptions.DEFAULTS, TcpBulkBenchmark::sink);
        TcpSocket[] sockets = new TcpSocket[flows];
        for (int i = 0; i < flows; i++) {
            sockets[i] = connectBulk(tx, b.address());
        }
        return measure(sim, net, sockets, simulatedNs);
    }

    /**
     * The same per-flow work at any flow count: each flow alone on its own path (its own sender
     * host, and an access link of {@code perFlowBps} as its bottleneck) into one receiver, run
     * for {@code simulatedNs / flows} so the packet count stays the same. Against {@link #run},
     * it separates what more flows cost the simulator from what sharing a bottleneck does to TCP.
     */
    public static Result runIsolated(int flows, long perFlowBps, long rttNs, long simulatedNs) {
        Simulation sim = new Simulation();
        RandomStreams random = new RandomStreams(1);
        Network net = new Network(sim, random);
        net.addRouter("r", 0x0a0000fe);
        Host b = net.addHost("receiver", 0x0a000002);
        long bdpPackets = Math.max(20, perFlowBps / 8 * rttNs / 1_000_000_000L / 1500);
        LinkDirection fast = new LinkDirection(perFlowBps * 10_000, rttNs / 4, 100_000, true, 1500,
                LossModelSpec.NONE, 0, 0, 0);
        LinkDirection access = new LinkDirection(perFlowBps, rttNs / 4, bdpPackets, true, 1500, LossModelSpec.NONE,
                0, 0, 0);
        net.connect("r", "receiver", fast, fast);
        Host[] senders = new Host[flows];
        for (int i = 0; i < flows; i++) {
            senders[i] = net.addHost("sender" + i, 0x0b000001 + i);
            net.connect("sender" + i, "r", access, fast);
        }
        net.computeRoutes();
        Sysctls s = Sysctls.defaults(KernelVersion.V6_18, 64L << 30);
        TcpStack rx = TopologyHost.stack(b, sim, random, KernelVersion.V6_18, s);
        rx.listen(5001, 65535, SocketOptions.DEFAULTS, TcpBulkBenchmark::sink);
        TcpSocket[] sockets = new TcpSocket[flows];
        for (int i = 0; i < flows; i++) {
            sockets[i] = connectBulk(TopologyHost.stack(senders[i], sim, random, KernelVersion.V6_18, s), b.address());
        }
        return measure(sim, net, sockets, simulatedNs / flows);
    }

    /** A connection that keeps its send buffer full. */
    private static TcpSocket connectBulk(TcpStack tx, int dst) {
        return tx.connect(dst, 5001, SocketOptions.DEFAULTS, new SocketCallbacks() {
            @Override
            public void connected(TcpSocket sock, long now) {
                writable(sock, now);
            }

            @Override
            public void writable(TcpSocket sock, long now) {
                while (sock.write(1 << 20, now) > 0) {
                    // keep the send buffer full
                }
            }
        });
    }

    private static Result measure(Simulation sim, Network net, TcpSocket[] sockets, long simulatedNs) {
        long start = System.nanoTime();
        sim.run(simulatedNs);
        double wall = (System.nanoTime() - start) / 1e9;
        long packets = 0;
        for (Node n : net.nodes()) {
            for (Interface i : n.interfaces()) {
                packets += i.stats().delivered();
            }
        }
        long acked = 0;
        long fires = 0;
        long segs = 0;
        for (TcpSocket t : sockets) {
            acked += t.bytesAcked();
            fires += t.pacingTimerFires();
            segs += t.dataSegsOut();
        }
        return new Result(sockets.length, packets, acked, sim.eventsExecuted(), wall, simulatedNs / 1e9, peakHeap(),
                fires, segs);
    }

    private static void sink(TcpListener l, long now) {
        TcpSocket s;
        while ((s = l.accept(null)) != null) {
            SocketCallbacks reader = new SocketCallbacks() {
                @Override
                public void readable(TcpSocket sock, long t) {
                    while (sock.read(1 << 24, t) > 0) {
                        // discard
                    }
                }
            };
            s.attachCallbacks(reader);
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
