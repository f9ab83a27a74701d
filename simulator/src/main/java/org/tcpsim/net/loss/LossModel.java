package org.tcpsim.net.loss;

import java.util.SplittableRandom;

/** Decides, packet by packet, whether one direction of a link loses it. One instance per direction and run. */
public interface LossModel {
    /**
     * Called once per packet put on the wire, in order, with the simulated time it goes out
     * (ns); may keep state (bursty models, in packets or in time).
     */
    boolean drop(SplittableRandom random, long nowNs);

    /** The long-run fraction of packets this model drops, for reports and tests. */
    double expectedLossRate();
}
