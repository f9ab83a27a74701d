package org.tcpsim.net;

import org.tcpsim.net.loss.LossModelSpec;

/**
 * What one direction of a link does to packets: serialisation rate, propagation delay,
 * drop-tail queue, MTU, loss, reordering (a packet held back so later ones overtake it) and duplication.
 *
 * @param queueLimit      packets or bytes the interface queue holds (not counting the packet on the wire)
 * @param queueInPackets  whether queueLimit counts packets (else bytes)
 * @param reorderDelayNs  extra delay of a reordered packet
 * @param lossAtEnqueue   where the loss model drops: before the queue (a lost packet takes neither queue
 *                        space nor transmission time, as tc netem's netem_enqueue and the bulk rig's
 *                        delay line drop), or else on the wire, after it was serialised (it held the link
 *                        for its transmission time, as a frame corrupted on the medium)
 */
public record LinkDirection(long rateBps, long delayNs, long queueLimit, boolean queueInPackets, int mtu,
                            LossModelSpec loss, double reorderProbability, long reorderDelayNs,
                            double duplicateProbability, boolean lossAtEnqueue) {
    public static final int DEFAULT_MTU = 1500;
    /** Linux's default txqueuelen for Ethernet devices. */
    public static final long DEFAULT_QUEUE_PACKETS = 1000;

    public LinkDirection {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        if (delayNs < 0 || reorderDelayNs < 0) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (mtu < Datagram.MIN_LENGTH) {
            throw new IllegalArgumentException("mtu must be at least " + Datagram.MIN_LENGTH);
        }
    }

    /** A direction that loses packets on the wire (the default, {@code "loss_at": "wire"}). */
    public LinkDirection(long rateBps, long delayNs, long queueLimit, boolean queueInPackets, int mtu,
                         LossModelSpec loss, double reorderProbability, long reorderDelayNs,
                         double duplicateProbability) {
        this(rateBps, delayNs, queueLimit, queueInPackets, mtu, loss, reorderProbability, reorderDelayNs,
                duplicateProbability, false);
    }

    /** Time to clock {@code bytes} onto the wire, rounded up to whole nanoseconds. */
    public long serializationNs(int bytes) {
        return (bytes * 8_000_000_000L + rateBps - 1) / rateBps;
    }
}
