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
 * @param framingBytes    bytes each packet takes on the wire beyond its IP length (link-layer header and
 *                        trailer, preamble, inter-frame gap): counted in its serialisation time only, not in
 *                        the queue's byte limit or the interface's byte counters
 */
public record LinkDirection(long rateBps, long delayNs, long queueLimit, boolean queueInPackets, int mtu,
                            LossModelSpec loss, double reorderProbability, long reorderDelayNs,
                            double duplicateProbability, boolean lossAtEnqueue, int framingBytes) {
    public static final int DEFAULT_MTU = 1500;
    /** Linux's default txqueuelen for Ethernet devices. */
    public static final long DEFAULT_QUEUE_PACKETS = 1000;
    /** The most framing a direction may add per packet. */
    public static final int MAX_FRAMING_BYTES = 65535;

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
        if (framingBytes < 0 || framingBytes > MAX_FRAMING_BYTES) {
            throw new IllegalArgumentException("framing must be 0 to " + MAX_FRAMING_BYTES + " bytes");
        }
    }

    /** A direction whose packets take their IP length on the wire (no framing). */
    public LinkDirection(long rateBps, long delayNs, long queueLimit, boolean queueInPackets, int mtu,
                         LossModelSpec loss, double reorderProbability, long reorderDelayNs,
                         double duplicateProbability, boolean lossAtEnqueue) {
        this(rateBps, delayNs, queueLimit, queueInPackets, mtu, loss, reorderProbability, reorderDelayNs,
                duplicateProbability, lossAtEnqueue, 0);
    }

    /** A direction that loses packets on the wire (the default, {@code "loss_at": "wire"}). */
    public LinkDirection(long rateBps, long delayNs, long queueLimit, boolean queueInPackets, int mtu,
                         LossModelSpec loss, double reorderProbability, long reorderDelayNs,
                         double duplicateProbability) {
        this(rateBps, delayNs, queueLimit, queueInPackets, mtu, loss, reorderProbability, reorderDelayNs,
                duplicateProbability, false);
    }

    /** Time to clock a packet of {@code bytes} (IP length) and its framing onto the wire, rounded up to whole nanoseconds. */
    public long serializationNs(int bytes) {
        return ((bytes + framingBytes) * 8_000_000_000L + rateBps - 1) / rateBps;
    }
}
