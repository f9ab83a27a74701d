package org.tcpsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.tcpsim.engine.Event;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Host;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.Network;
import org.tcpsim.net.loss.LossModelSpec;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpStack;
import org.tcpsim.tcp.TopologyHost;
import org.tcpsim.tcp.TcpState;

/**
 * A connect storm: many client hosts behind one router open short request/response connections
 * to one server at a fixed total rate, the clients closing first, so TIME_WAIT sockets pile up on
 * the clients (rate x 60 s of them). Measures wall time, connections and peak heap.
 */
public final class ConnectStormBenchmark {
    private ConnectStormBenchmark() {
    }

    public record Result(int clients, long connections, long ok, long timeWaitAtEnd, long events, double wallSeconds,
                         long peakHeapBytes) {
    }

    public static Result run(int clients, double connectionsPerSecond, long durationNs) {
        Simulation sim = new Simulation();
        RandomStreams random = new RandomStreams(1);
        Network net = new Network(sim, random);
        net.addRouter("r", 0x0afffffe);
        Host server = net.addHost("server", 0x0a000001);
        LinkDirection fast = new LinkDirection(100_000_000_000L, 100_000, 100_000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        net.connect("server", "r", fast, fast);
        Host[] hosts = new Host[clients];
        for (int i = 0; i < clients; i++) {
            hosts[i] = net.addHost("c" + i, 0x0b000000 + i);
            net.connect("c" + i, "r", fast, fast);
        }
        net.computeRoutes();
        Sysctls s = Sysctls.defaults(KernelVersion.V6_18, 64L << 30);
        TcpStack srv = TopologyHost.stack(server, sim, random, KernelVersion.V6_18, s);
        srv.setNofileLimit(Integer.MAX_VALUE);
        srv.listen(80, 65535, SocketOptions.DEFAULTS, ConnectStormBenchmark::serve);
        TcpStack[] stacks = new TcpStack[clients];
        long[] ok = new long[1];
        long[] attempts = new long[1];
        long gapNs = Math.round(clients * 1e9 / connectionsPerSecond);
        for (int i = 0; i < clients; i++) {
            TcpStack st = TopologyHost.stack(hosts[i], sim, random, KernelVersion.V6_18, s);
            stacks[i] = st;
            SocketCallbacks client = new SocketCallbacks() {
                @Override
                public void connected(TcpSocket sock, long now) {
                    sock.write(100, now);
                }

                @Override
                public void readable(TcpSocket sock, long now) {
                    if (sock.read(1 << 16, now) > 0 || sock.available() == 0) {
                        ok[0]++;
                        sock.close(now); // the client closes first: TIME_WAIT on the client
                    }
                }
            };
            Event tick = new Event() {
                @Override
                public void fire(long now) {
                    attempts[0]++;
                    st.connect(server.address(), 80, SocketOptions.DEFAULTS, client);
                    if (now + gapNs < durationNs) {
                        sim.schedule(now + gapNs, this);
                    }
                }
            };
            sim.schedule(i * gapNs / clients, tick);
        }
        long start = System.nanoTime();
        sim.run(durationNs);
        double wall = (System.nanoTime() - start) / 1e9;
        long tw = 0;
        for (TcpStack st : stacks) {
            tw += st.socketsByState()[TcpState.TIME_WAIT.ordinal()];
        }
        return new Result(clients, attempts[0], ok[0], tw, sim.eventsExecuted(), wall, peakHeap());
    }

    /** The server: read the 100-byte request, answer 100 bytes, close when the client does. */
    private static void serve(TcpListener l, long now) {
        TcpSocket s;
        while ((s = l.accept(null)) != null) {
            s.attachCallbacks(new SocketCallbacks() {
                @Override
                public void readable(TcpSocket sock, long t) {
                    int n = sock.read(1 << 16, t);
                    if (n > 0) {
                        sock.write(100, t);
                    } else if (n < 0) {
                        sock.close(t);
                    }
                }
            });
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
