package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;

/**
 * A host's TCP memory accounting against net.ipv4.tcp_mem (min, pressure, max in pages of 4 KiB;
 * include/net/sock.h: sk_memory_allocated, sk_under_memory_pressure; net/core/sock.c:
 * __sk_mem_raise_allocated). Every socket charges what sits in its send queue, receive queue and
 * out-of-order queue. Above `pressure` the host enters memory pressure (TCPMemoryPressures), where
 * buffers stop growing and receive windows are clamped; below `min` it leaves it (adding the time
 * spent to TCPMemoryPressuresChrono); above `max` new data is dropped and writes fail.
 */
final class TcpMemory {
    static final int PAGE = 4096;

    private final TcpStack stack;
    private final long minPages;
    private final long pressurePages;
    private final long maxPages;
    private long bytes;
    private boolean pressure;
    private long pressureSinceNs;

    TcpMemory(TcpStack stack, long[] tcpMem) {
        this.stack = stack;
        this.minPages = tcpMem[0];
        this.pressurePages = tcpMem[1];
        this.maxPages = tcpMem[2];
    }

    long pages() {
        return (bytes + PAGE - 1) / PAGE;
    }

    boolean underPressure() {
        return pressure;
    }

    /** sk_memory_allocated(sk) >= sk_prot_mem_limits(sk, 0): tcp_mem[0] pages or more in use. */
    boolean atOrAboveMin() {
        return pages() >= minPages;
    }

    /** Whether {@code more} bytes could be charged without passing tcp_mem[2] (sk_rmem_schedule / sk_wmem_schedule). */
    boolean canCharge(long more) {
        return (bytes + more + PAGE - 1) / PAGE <= maxPages;
    }

    /** Brings a socket's charge to {@code usage} bytes (its queues as they are now). */
    void recharge(TcpSocket s, long usage, long now) {
        long delta = usage - s.memCharged;
        if (delta == 0) {
            return;
        }
        s.memCharged = usage;
        bytes += delta;
        long pages = pages();
        if (!pressure && pages > pressurePages) {
            pressure = true; // tcp_enter_memory_pressure
            pressureSinceNs = now;
            stack.count(MibCounter.TCP_MEMORY_PRESSURES);
        } else if (pressure && pages < minPages) {
            pressure = false; // tcp_leave_memory_pressure: the time spent goes to the chrono counter (ms)
            stack.add(MibCounter.TCP_MEMORY_PRESSURES_CHRONO, (now - pressureSinceNs) / 1_000_000L);
        }
    }
}
