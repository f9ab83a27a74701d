package org.tcpsim.api.loss;

import java.util.random.RandomGenerator;

/**
 * Decides whether one direction of a link loses each packet. One instance per link direction
 * and run, called on the simulation's thread only; it may keep state (bursty models, traces).
 */
public interface LossModel {
    /**
     * Called once per packet put on the wire in this direction, in order, at the simulated time
     * it leaves the transmitter.
     *
     * @param nowNs  simulated time, nanoseconds
     * @param random the link direction's own named stream ({@code link:NAME:loss}), derived from
     *               the run's seed: draw every random choice from it, and runs stay byte-identical
     * @return true to lose the packet
     */
    boolean drop(long nowNs, RandomGenerator random);
}
