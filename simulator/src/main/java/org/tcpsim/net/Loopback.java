package org.tcpsim.net;

import org.tcpsim.engine.Simulation;

/**
 * A host's {@code lo}: where a packet to one of the host's own addresses goes instead of a link.
 *
 * <p>What Linux does ([6.18] drivers/net/loopback.c): {@code lo} has an MTU of 64 KiB
 * ({@code loopback_setup}: {@code gen_lo_setup(dev, 64 * 1024, ...)}), no qdisc
 * ({@code IFF_NO_QUEUE}) and no wire: {@code loopback_xmit} orphans the skb and hands it to
 * {@code __netif_rx}, i.e. {@code enqueue_to_backlog} of the sending CPU, whose
 * {@code process_backlog} then takes it up the stack. So the only queue is that CPU's backlog,
 * limited by net.core.netdev_max_backlog ({@code qlen > max_backlog} drops, counted in softnet_stat's
 * "dropped" column), and the only cost is CPU time.
 *
 * <p>The model: one CPU serves the loopback backlog FIFO; each packet takes
 * {@link #PACKET_NS} plus {@link #BYTE_PS} picoseconds per byte (the whole path's CPU time: the
 * transmit, the receive and the copies, measured on this project's 6.18 machine; see the README).
 * A packet larger than the MTU is dropped and counted (IpFragFails, DF assumed as on links). When
 * the packet's processing ends it is received like any other packet (so a host whose
 * {@code packets_per_second} is limited also queues it in its softnet backlog).
 *
 * <p>Not modelled: GSO/GRO (lo carries 64 KiB skbs even at a small MTU), the sending and receiving
 * CPUs working in parallel, RPS steering of lo traffic, and 127.0.0.0/8 addresses (a host reaches
 * itself at its own addresses only).
 */
public final class Loopback {
    /** lo's MTU: 64 KiB (loopback_setup). */
    public static final int MTU = 64 * 1024;
    /**
     * CPU time per packet through lo, whatever its size: 7.0-7.5 us per 64-byte UDP datagram (sender and
     * receiver CPU time of iperf3 over lo in a namespace, Linux 6.18 on this project's 2-core VM, under load).
     */
    public static final long PACKET_NS = 7_000;
    /**
     * CPU time per byte through lo, in picoseconds: a bulk TCP flow over lo took 22.4-24.6 us of CPU per
     * packet of 43-48 KB on average (data and ACKs), 0.35 ns per byte beyond the per-packet cost.
     */
    public static final long BYTE_PS = 350;

    private final Simulation sim;
    private final Host host;
    private final Backlog backlog;
    private int maxBacklog = 1000;
    private long packets;
    private long bytes;
    private long dropped;

    Loopback(Simulation sim, Host host) {
        this.sim = sim;
        this.host = host;
        this.backlog = new Backlog(); // after sim: the backlog schedules on it
    }

    /** net.core.netdev_max_backlog, which limits the backlog lo feeds. */
    void setMaxBacklog(int maxBacklog) {
        this.maxBacklog = maxBacklog;
    }

    /** CPU time one packet of {@code length} bytes spends crossing lo (at least 1 ns). */
    public static long costNs(int length) {
        return PACKET_NS + (length * BYTE_PS + 999) / 1000;
    }

    /** loopback_xmit: into the backlog, or dropped (too big for the MTU, or the backlog is full). */
    void xmit(Packet p, long now) {
        if (p.length > MTU) {
            host.count(IpCounter.IP_FRAG_FAILS);
            return;
        }
        // Linux: enqueue_to_backlog(): qlen is unsigned, max_backlog an int: a negative sysctl never drops
        if (Integer.compareUnsigned(backlog.waiting(now), maxBacklog) > 0) {
            dropped++;
            return;
        }
        packets++;
        bytes += p.length;
        backlog.push(p, now);
    }

    /** Packets that crossed (or are crossing) lo. */
    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** Packets dropped because the backlog was full (softnet_stat "dropped"). */
    public long dropped() {
        return dropped;
    }

    /** Packets waiting in lo's backlog at {@code now} (the one being processed excluded). */
    public int backlog(long now) {
        return backlog.waiting(now);
    }

    /** The backlog lo feeds (as Softnet's CPUs): each packet costs {@link #costNs(int)} and then reaches the host. */
    private final class Backlog extends CpuBacklog {
        Backlog() {
            super(sim);
        }

        @Override
        long costNs(Packet p) {
            return Loopback.costNs(p.length);
        }

        @Override
        void processed(Packet p, long now) {
            host.receive(p, null, now);
        }
    }
}
