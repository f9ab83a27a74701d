package org.tcpsim.net;

/**
 * Counters of one link direction. Conservation: every packet offered is either dropped here
 * (queue, MTU), put on the wire (tx), and every packet on the wire is lost, delivered, or
 * still in flight; duplicates add deliveries without adding tx.
 */
public record InterfaceStats(long txPackets, long txBytes, long droppedQueue, long droppedLoss, long droppedMtu,
                             long reordered, long duplicated, long delivered) {
    /** Packets on the wire that have not arrived yet. */
    public long inFlight() {
        return txPackets - droppedLoss + duplicated - delivered;
    }
}
