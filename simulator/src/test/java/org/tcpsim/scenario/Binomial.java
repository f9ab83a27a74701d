package org.tcpsim.scenario;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Confidence bounds the scenario tests compare measured counts against. The confidence is
 * 99.99 % two-sided, so with fixed seeds a correct simulator passes and a rate that is off by
 * a few standard errors fails; the bounds come from the distribution, not from a tolerance.
 */
final class Binomial {
    /** Two-sided confidence of every bound. */
    static final double CONFIDENCE = 0.9999;

    /** An inclusive interval of event counts. */
    record Bound(double low, double high) {
        boolean contains(double count) {
            return count >= low && count <= high;
        }

        /** The same interval as a fraction of {@code n}. */
        Bound per(long n) {
            return new Bound(low / n, high / n);
        }

        @Override
        public String toString() {
            return "[" + low + ", " + high + "]";
        }
    }

    private Binomial() {
    }

    /**
     * The central interval holding a Binomial(n, p) count with probability at least
     * {@link #CONFIDENCE}: its alpha/2 and 1 - alpha/2 quantiles. For p = 0 it is [0, 0].
     */
    static Bound count(long n, double p) {
        BinomialDistribution d = new BinomialDistribution(null, Math.toIntExact(n), p);
        double alpha = 1 - CONFIDENCE;
        return new Bound(d.inverseCumulativeProbability(alpha / 2), d.inverseCumulativeProbability(1 - alpha / 2));
    }

    /**
     * The interval for the number of losses in n packets through a Gilbert-Elliott channel with
     * loss_good = 0 and loss_bad = 1, i.e. a packet is lost exactly when the two-state Markov chain
     * is in the bad state. The loss indicators are then a stationary Markov chain, not
     * independent draws:
     * <ul>
     *   <li>their mean is the stationary probability of the bad state, pi = p_gb / (p_gb + p_bg);</li>
     *   <li>their lag-k autocorrelation is lambda^k, with lambda = 1 - p_gb - p_bg the chain's second
     *       eigenvalue, so the variance of their sum is n pi (1 - pi) (1 + 2 sum_k lambda^k), which
     *       for large n is the binomial variance times (1 + lambda) / (1 - lambda).</li>
     * </ul>
     * By the central limit theorem for Markov chains the count is then approximately normal with
     * that mean and inflated variance; the interval is mean +- z sd with z the normal quantile of
     * the same confidence. (The chain starts in the good state, which shifts the expected count by
     * less than pi / (1 - lambda) packets: negligible next to sd.)
     */
    static Bound gilbertElliottCount(long n, double pGoodToBad, double pBadToGood) {
        double pi = pGoodToBad / (pGoodToBad + pBadToGood);
        double lambda = 1 - pGoodToBad - pBadToGood;
        double variance = n * pi * (1 - pi) * (1 + lambda) / (1 - lambda);
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double mean = n * pi;
        double half = z * Math.sqrt(variance);
        return new Bound(mean - half, mean + half);
    }
}
