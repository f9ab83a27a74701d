package org.tcpsim.tcp;

import java.util.SplittableRandom;
import org.tcpsim.engine.Scheduler;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;

/**
 * All the TCP core sees of the host it runs on ("sans-I/O", as smoltcp's and Shadow's TCP): its
 * name and address, the MTU its MSS comes from, a clock with timers, IP output for the segments it
 * sends, named random streams, and the kernel's version and sysctls. Segments come in through
 * {@link TcpStack#deliver}. A host in a topology implements it with its interfaces and the run's
 * simulation ({@link TopologyHost}); a packetdrill script or a unit test implements it with a queue
 * of the segments sent, and drives one stack segment by segment without a topology.
 */
public interface TcpHost {
    String name();

    /** The host's IPv4 address, the source of every segment it sends. */
    int address();

    /** The smallest MTU of its interfaces (the MSS it advertises is this minus 40). */
    int mtu();

    /** The MTU of the route to {@code remoteAddr}: lo's for one of its own addresses, else {@link #mtu()}. */
    default int mtu(int remoteAddr) {
        return mtu();
    }

    /** Time and timers: every TCP timer is armed on this. */
    Scheduler clock();

    /**
     * IP output of one segment (the source address is already set); a segment is never reused by the
     * caller. False when the host's own egress qdisc dropped it (NET_XMIT_DROP from ip_queue_xmit):
     * TCP then treats the packet as not sent (__tcp_transmit_skb's error path). A drop anywhere later
     * (a link's queue, the wire) is a loss TCP learns about from the peer, and returns true.
     */
    boolean output(TcpSegment segment, long now);

    /**
     * True when nothing keeps a segment after {@link #output} once it reached a stack's
     * {@link TcpStack#deliver} (a topology's network): the stack may then reuse its segments after
     * delivery ({@link SegmentPool}). A host that keeps what it is sent (a script, a test) says false.
     */
    default boolean recyclesDelivered() {
        return false;
    }

    /** A 64-bit value derived from the run seed and {@code purpose} (secret keys). */
    long secret(String purpose);

    /** A random stream derived from the run seed and {@code purpose}. */
    SplittableRandom random(String purpose);

    KernelVersion kernel();

    /** The sysctls TCP reads at boot. */
    Sysctls sysctls();
}
