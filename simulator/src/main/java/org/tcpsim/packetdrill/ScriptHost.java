package org.tcpsim.packetdrill;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Scheduler;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.tcp.TcpHost;
import org.tcpsim.tcp.TcpSegment;

/**
 * packetdrill's local kernel: one host, 192.168.0.1 behind a tun device of MTU 1500, whose every
 * sent segment is queued for the script to sniff, in order, with the time it left; unless tun0's
 * root qdisc drops it ({@link LocalQdisc}), which TCP then sees as a failed transmit.
 */
final class ScriptHost implements TcpHost {
    static final int LOCAL_ADDRESS = 0xc0a80001;  // 192.168.0.1, packetdrill's --local_ip
    static final int REMOTE_ADDRESS = 0xc0000201; // 192.0.2.1, its --remote_ip
    /** The tun device's MTU (TUN_DRIVER_DEFAULT_MTU). */
    static final int MTU = 1500;

    /** A segment the kernel sent, and when. */
    record Sent(TcpSegment segment, long atNs) {
    }

    final Simulation sim = new Simulation();
    final ArrayDeque<Sent> sent = new ArrayDeque<>();
    /** tun0's root qdisc, as the script's {@code tc} commands set it. */
    final LocalQdisc qdisc;
    private final RandomStreams random = new RandomStreams(1);
    private final KernelVersion kernel;
    private final Sysctls sysctls;

    ScriptHost(KernelVersion kernel, Sysctls sysctls, LocalQdisc qdisc) {
        this.kernel = kernel;
        this.sysctls = sysctls;
        this.qdisc = qdisc;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int address() {
        return LOCAL_ADDRESS;
    }

    @Override
    public int mtu() {
        return MTU;
    }

    @Override
    public Scheduler clock() {
        return sim;
    }

    @Override
    public boolean output(TcpSegment segment, long now) {
        if (qdisc.drops()) {
            return false; // dev_queue_xmit: NET_XMIT_DROP, never reaches tun0
        }
        sent.addLast(new Sent(segment, now));
        if (stopOnOutput) {
            sim.stop(); // the sniffer wakes up once the event that sent it is done
        }
        return true;
    }

    private boolean stopOnOutput;
    /** Which wait a stop marker belongs to: a marker left over from an earlier wait does nothing. */
    private long waitGeneration;

    /**
     * Runs the kernel until it sends a segment or the clock reaches {@code deadlineNs}; false when
     * nothing was sent by then (or ever, when no event is left).
     */
    boolean awaitOutput(long deadlineNs) {
        if (!sent.isEmpty()) {
            return true;
        }
        stopOnOutput = true;
        try {
            runUntil(deadlineNs);
        } finally {
            stopOnOutput = false;
        }
        return !sent.isEmpty();
    }

    /** Runs the kernel until {@code atNs} (the clock then stands there) or until something stops it. */
    void runUntil(long atNs) {
        if (atNs < sim.now()) {
            return;
        }
        long gen = ++waitGeneration;
        if (atNs != Long.MAX_VALUE) {
            sim.schedule(atNs, t -> {
                if (gen == waitGeneration) {
                    sim.stop();
                }
            });
        }
        sim.run(atNs);
    }

    @Override
    public long secret(String purpose) {
        return random.derive(purpose);
    }

    @Override
    public SplittableRandom random(String purpose) {
        return random.stream(purpose);
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
