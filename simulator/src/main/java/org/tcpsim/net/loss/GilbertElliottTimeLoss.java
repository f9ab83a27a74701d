package org.tcpsim.net.loss;

import java.util.SplittableRandom;

/**
 * Two-state bursty loss in time: the link is good or bad for exponentially distributed spells
 * (means {@code meanGoodNs}, {@code meanBadNs}) whatever traffic crosses it, and a packet is lost
 * with the probability of the state it meets. Unlike the per-packet chain, a sparse flow (one
 * packet per backed-off RTO) meets a burst only as long as the burst lasts in time.
 *
 * <p>The state is drawn at each packet from the state at the previous one: for a two-state
 * continuous-time chain with rates a = 1/meanGood and b = 1/meanBad, P(bad after d | bad now)
 * = pi_bad + pi_good e^-(a+b)d and P(bad after d | good now) = pi_bad (1 - e^-(a+b)d), exact
 * for any gap with no loop over the spells in between. The link starts good at time 0.
 */
public final class GilbertElliottTimeLoss implements LossModel {
    private final double rateSum;
    private final double piBad;
    private final double lossGood;
    private final double lossBad;
    private boolean bad;
    private long lastNs;

    public GilbertElliottTimeLoss(long meanGoodNs, long meanBadNs, double lossGood, double lossBad) {
        this.rateSum = 1.0 / meanGoodNs + 1.0 / meanBadNs;
        this.piBad = (double) meanBadNs / (meanGoodNs + meanBadNs);
        this.lossGood = lossGood;
        this.lossBad = lossBad;
    }

    @Override
    public boolean drop(SplittableRandom random, long nowNs) {
        double decay = Math.exp(-rateSum * (nowNs - lastNs));
        double pBad = bad ? piBad + (1 - piBad) * decay : piBad * (1 - decay);
        bad = random.nextDouble() < pBad;
        lastNs = nowNs;
        double p = bad ? lossBad : lossGood;
        return p > 0 && random.nextDouble() < p;
    }

    @Override
    public double expectedLossRate() {
        return piBad * lossBad + (1 - piBad) * lossGood;
    }

    /** Fraction of time spent bad: meanBad / (meanGood + meanBad). */
    double fractionBad() {
        return piBad;
    }
}
