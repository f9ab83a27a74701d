package org.tcpsim.net;

import org.tcpsim.engine.Event;
import org.tcpsim.engine.Simulation;

/**
 * A CPU's input queue (the per-CPU backlog of enqueue_to_backlog / process_backlog): a ring of
 * packets processed one at a time, the one being processed at its head. Softnet's CPUs and lo feed
 * one each; they differ only in what a packet costs and where it goes when processed.
 */
abstract class CpuBacklog implements Event {
    private final Simulation sim;
    private Packet[] ring = new Packet[16];
    private int head;
    private int count; // packets in the ring, the one being processed included
    private long headEnd; // when the head packet's processing ends (valid while count > 0)

    CpuBacklog(Simulation sim) {
        this.sim = sim;
    }

    /** CPU time the packet takes. */
    abstract long costNs(Packet p);

    /** The packet has been processed: it goes up the stack. */
    abstract void processed(Packet p, long now);

    /**
     * Packets that have not started processing at {@code now}: all but the head, and not the
     * next one either when the head ends exactly now (its event may not have run yet).
     */
    final int waiting(long now) {
        if (count == 0) {
            return 0;
        }
        return Math.max(0, count - 1 - (headEnd <= now ? 1 : 0));
    }

    final void push(Packet p, long now) {
        if (count == ring.length) {
            grow();
        }
        ring[(head + count) & (ring.length - 1)] = p;
        if (count++ == 0) {
            // the queue was empty: schedule the backlog NAPI (napi_schedule_rps)
            headEnd = now + costNs(p);
            sim.schedule(headEnd, this);
        }
    }

    /** The head packet is processed and the next one starts (process_backlog). */
    @Override
    public final void fire(long now) {
        Packet p = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        count--;
        if (count > 0) {
            headEnd = now + costNs(ring[head]);
            sim.schedule(headEnd, this);
        }
        processed(p, now);
    }

    private void grow() {
        Packet[] bigger = new Packet[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
