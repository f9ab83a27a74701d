package org.tcpsim.net.loss;

import java.util.SplittableRandom;

/**
 * Two-state bursty loss (Gilbert-Elliott): a Markov chain stepped once per packet between a
 * good and a bad state, each with its own loss probability. The chain starts in the good state.
 */
public final class GilbertElliottLoss implements LossModel {
    private final double pGoodToBad;
    private final double pBadToGood;
    private final double lossGood;
    private final double lossBad;
    private boolean bad;

    public GilbertElliottLoss(double pGoodToBad, double pBadToGood, double lossGood, double lossBad) {
        this.pGoodToBad = pGoodToBad;
        this.pBadToGood = pBadToGood;
        this.lossGood = lossGood;
        this.lossBad = lossBad;
    }

    @Override
    public boolean drop(SplittableRandom random, long nowNs) {
        // Step the chain, then lose with the new state's probability.
        if (bad) {
            if (random.nextDouble() < pBadToGood) {
                bad = false;
            }
        } else if (random.nextDouble() < pGoodToBad) {
            bad = true;
        }
        double p = bad ? lossBad : lossGood;
        return p > 0 && random.nextDouble() < p;
    }

    @Override
    public double expectedLossRate() {
        return expectedLossRate(pGoodToBad, pBadToGood, lossGood, lossBad);
    }

    /** Stationary loss: pi_bad * loss_bad + pi_good * loss_good, pi_bad = p_gb / (p_gb + p_bg). */
    public static double expectedLossRate(double pGoodToBad, double pBadToGood, double lossGood, double lossBad) {
        double sum = pGoodToBad + pBadToGood;
        if (sum == 0) {
            return lossGood;
        }
        double piBad = pGoodToBad / sum;
        return piBad * lossBad + (1 - piBad) * lossGood;
    }
}
