package org.tcpsim.net.loss;

import java.util.SplittableRandom;

/** Decides, packet by packet, whether one direction of a link loses it. One instance per direction and run. */
public interface LossModel {
    /** Called once per packet put on the wire, in order; may keep state (bursty models). */
    boolean drop(SplittableRandom random);

    /** The long-run fraction of packets this model drops, for reports and tests. */
    double expectedLossRate();
}
