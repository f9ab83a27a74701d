package org.tcpsim.output;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation and Student-t 95% confidence interval of one metric over the
 * seeds of one sweep point. Sums run in the given order, so equal inputs give equal bits.
 * Not thread-safe (it caches t quantiles); use one instance per rebuild.
 */
final class SampleStats {
    /** Solver accuracy for t quantiles (commons-math's default, 1e-9, shows in 12 digits). */
    private static final double QUANTILE_ACCURACY = 1e-14;

    private final Map<Integer, Double> tQuantiles = new HashMap<>();

    /** Result; stddev and CI bounds are NaN when n < 2, everything NaN when n = 0. */
    static final class Summary {
        final int n;
        final double mean;
        final double stddev;
        final double ciLow;
        final double ciHigh;

        Summary(int n, double mean, double stddev, double ciLow, double ciHigh) {
            this.n = n;
            this.mean = mean;
            this.stddev = stddev;
            this.ciLow = ciLow;
            this.ciHigh = ciHigh;
        }
    }

    /** Statistics of {@code values[0..n)}, which must hold no NaN. */
    Summary of(double[] values, int n) {
        if (n == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += values[i];
        double mean = sum / n;
        if (n == 1) return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, mean - half, mean + half);
    }

    /** t_{0.975, df}. */
    double tQuantile975(int df) {
        return tQuantiles.computeIfAbsent(df,
                d -> new TDistribution(null, d, QUANTILE_ACCURACY).inverseCumulativeProbability(0.975));
    }
}
