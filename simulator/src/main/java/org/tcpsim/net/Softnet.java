package org.tcpsim.net;

import org.tcpsim.engine.Simulation;

/**
 * A host's receive-side softnet backlog: one input queue per CPU (Linux: softnet_data's
 * input_pkt_queue), each served FIFO by its CPU at a fixed packet rate before the packet goes up
 * the stack (IP input, then the protocol handler).
 *
 * <p>Steering: a packet goes to the CPU chosen by a stable hash of its flow (source and
 * destination address, protocol, and the ports of TCP and UDP), as RPS (get_rps_cpu) or a NIC's
 * RSS spreads flows, so one flow always lands on one CPU.
 *
 * <p>Admission mirrors [6.18] net/core/dev.c: enqueue_to_backlog: a packet is dropped when the
 * queue already holds more than net.core.netdev_max_backlog packets ({@code qlen > max_backlog},
 * compared as the kernel does, an unsigned queue length against the int sysctl), so a queue holds
 * up to max + 1 waiting packets; a drop counts in the CPU's softnet_stat "dropped" column. The
 * packet being processed is not in the queue (process_backlog has taken it off).
 *
 * <p>Service: one CPU processes one packet every {@code 1 / packets_per_second} (rounded up to
 * whole nanoseconds). A CPU is one event in the simulation while it has work, rescheduled once per
 * packet it finishes, like a link's transmitter; the queue is a ring, so a packet costs O(1) and
 * no allocation. Queue lengths are computed from the service schedule, so they do not depend on
 * the order of simultaneous events.
 *
 * <p>Not modelled: NAPI rounds (net_rx_action's netdev_budget and netdev_budget_usecs,
 * dev_weight per poll, time_squeeze), the splice of input_pkt_queue into process_queue that lets
 * a busy CPU accept more while a round runs, flow limits, GRO, and the CPU cost of anything but
 * receiving.
 */
public final class Softnet {
    private final Simulation sim;
    private final Host host;
    private final Cpu[] cpus;
    private final int maxBacklog;
    private final long serviceNs;

    Softnet(Simulation sim, Host host, int cpus, long packetsPerSecond, int maxBacklog) {
        if (cpus < 1) {
            throw new IllegalArgumentException("a host needs at least one CPU, got " + cpus);
        }
        if (packetsPerSecond <= 0) {
            throw new IllegalArgumentException("packets per second must be positive, got " + packetsPerSecond);
        }
        this.sim = sim;
        this.host = host;
        this.maxBacklog = maxBacklog;
        this.serviceNs = serviceNs(packetsPerSecond);
        this.cpus = new Cpu[cpus];
        for (int i = 0; i < cpus; i++) {
            this.cpus[i] = new Cpu();
        }
    }

    /** Time one CPU spends on one packet: 1 / packetsPerSecond, rounded up to whole nanoseconds (at least 1). */
    public static long serviceNs(long packetsPerSecond) {
        return Math.max(1, (1_000_000_000L + packetsPerSecond - 1) / packetsPerSecond);
    }

    /**
     * The CPU a packet is steered to: a stable hash of (src, dst, protocol, source and destination
     * port) scaled onto {@code cpus} as get_rps_cpu does (reciprocal_scale of the flow hash).
     */
    public static int steer(Packet p, int cpus) {
        long h = mix(((long) p.src << 32) | (p.dst & 0xffffffffL));
        long ports = (long) (p.sourcePort() & 0xffff) << 16 | (p.destinationPort() & 0xffff);
        h = mix(h ^ ((long) (p.protocol & 0xff) << 32 | ports));
        return (int) (((h >>> 32) * cpus) >>> 32);
    }

    public int cpus() {
        return cpus.length;
    }

    public int maxBacklog() {
        return maxBacklog;
    }

    public long serviceNs() {
        return serviceNs;
    }

    /** Packets waiting in CPU {@code cpu}'s input queue at {@code now} (the one being processed excluded). */
    public int backlog(int cpu, long now) {
        return cpus[cpu].waiting(now);
    }

    /** Packets CPU {@code cpu} dropped because its queue was full (softnet_stat column 2). */
    public long dropped(int cpu) {
        return cpus[cpu].dropped;
    }

    /** Packets CPU {@code cpu} took off its queue and passed up the stack (softnet_stat column 1). */
    public long processed(int cpu) {
        return cpus[cpu].processed;
    }

    /** Drops over all CPUs. */
    public long dropped() {
        long sum = 0;
        for (Cpu c : cpus) {
            sum += c.dropped;
        }
        return sum;
    }

    /** Packets processed over all CPUs. */
    public long processed() {
        long sum = 0;
        for (Cpu c : cpus) {
            sum += c.processed;
        }
        return sum;
    }

    /** A packet arrives from a NIC (or loopback): queue it on its CPU, or drop it when that queue is full. */
    void enqueue(Packet p, long now) {
        Cpu cpu = cpus[cpus.length == 1 ? 0 : steer(p, cpus.length)];
        // Linux: enqueue_to_backlog(): qlen is unsigned, max_backlog an int: a negative sysctl never drops
        if (Integer.compareUnsigned(cpu.waiting(now), maxBacklog) > 0) {
            cpu.dropped++;
            return;
        }
        cpu.push(p, now);
    }

    /** One CPU: its input queue, each packet taking the same service time, and its counters. */
    private final class Cpu extends CpuBacklog {
        long processed;
        long dropped;

        Cpu() {
            super(sim);
        }

        @Override
        long costNs(Packet p) {
            return serviceNs;
        }

        @Override
        void processed(Packet p, long now) {
            processed++;
            host.ipReceive(p, now);
        }
    }

    /** SplitMix64 finaliser: a stable, well-spread hash (no per-run randomness, unlike Linux's hashrnd). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
