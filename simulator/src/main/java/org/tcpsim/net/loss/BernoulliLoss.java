package org.tcpsim.net.loss;

import java.util.SplittableRandom;

/** Each packet is lost independently with probability p. */
public final class BernoulliLoss implements LossModel {
    private final double p;

    public BernoulliLoss(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("loss probability must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    @Override
    public boolean drop(SplittableRandom random, long nowNs) {
        return random.nextDouble() < p;
    }

    @Override
    public double expectedLossRate() {
        return p;
    }
}
