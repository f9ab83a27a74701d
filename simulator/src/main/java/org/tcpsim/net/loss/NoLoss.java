package org.tcpsim.net.loss;

import java.util.SplittableRandom;

/** A perfect wire. */
public final class NoLoss implements LossModel {
    @Override
    public boolean drop(SplittableRandom random, long nowNs) {
        return false;
    }

    @Override
    public double expectedLossRate() {
        return 0;
    }
}
