package org.tcpsim.tcp;

import java.util.SplittableRandom;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Scheduler;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Host;
import org.tcpsim.net.Loopback;
import org.tcpsim.net.Packet;

/** A {@link TcpHost} that is a host of a simulated topology: its interfaces, its IP output, the run's clock. */
public final class TopologyHost implements TcpHost {
    private final Host host;
    private final Simulation sim;
    private final RandomStreams random;
    private final KernelVersion kernel;
    private final Sysctls sysctls;

    private TopologyHost(Host host, Simulation sim, RandomStreams random, KernelVersion kernel, Sysctls sysctls) {
        this.host = host;
        this.sim = sim;
        this.random = random;
        this.kernel = kernel;
        this.sysctls = sysctls;
    }

    /** A TCP stack on {@code host}, receiving the host's TCP packets. */
    public static TcpStack stack(Host host, Simulation sim, RandomStreams random, KernelVersion kernel,
                                 Sysctls sysctls) {
        TcpStack stack = new TcpStack(new TopologyHost(host, sim, random, kernel, sysctls));
        host.registerProtocol(Packet.PROTO_TCP, stack);
        return stack;
    }

    @Override
    public String name() {
        return host.name();
    }

    @Override
    public int address() {
        return host.address();
    }

    @Override
    public int mtu(int remoteAddr) {
        return host.owns(remoteAddr) ? Loopback.MTU : mtu();
    }

    @Override
    public int mtu() {
        int mtu = Math.min(65535, host.smallestMtu());
        return mtu == 0 || mtu == 65535 ? 1500 : mtu;
    }

    @Override
    public Scheduler clock() {
        return sim;
    }

    /**
     * Always true: a topology host has no qdisc of its own. Its link's queue stands for the path's
     * bottleneck queue, whose drops TCP learns from the peer: Linux's TCP Small Queues keep a flow's
     * packets out of its own qdisc (tcp_small_queue_check), which the model does not have, so the
     * queue that forms at a sender's link in the model is the one Linux would form further along.
     */
    @Override
    public boolean output(TcpSegment segment, long now) {
        host.send(segment, now);
        return true;
    }

    /** Interfaces, backlogs and routers let go of a packet once it is delivered. */
    @Override
    public boolean recyclesDelivered() {
        return true;
    }

    @Override
    public long secret(String purpose) {
        return random.derive("host:" + host.name() + ":" + purpose);
    }

    @Override
    public SplittableRandom random(String purpose) {
        return random.stream("host:" + host.name() + ":" + purpose);
    }

    @Override
    public KernelVersion kernel() {
        return kernel;
    }

    @Override
    public Sysctls sysctls() {
        return sysctls;
    }
}
