package org.tcpsim.app.client;

import java.util.SplittableRandom;

/**
 * Arrival times of an open-loop source: evenly spaced at {@code rate} ({@code fixed}: the i-th at
 * start + i / rate, so a window of d seconds holds exactly rate x d) or a Poisson process
 * (exponential gaps of mean 1 / rate, the first one after start), from {@code start}, before {@code stop}, at most {@code count}.
 */
public final class OpenLoopArrivals {
    private final double gapNs;
    private final boolean poisson;
    private final long startNs;
    private final long stopNs;
    private final long count;
    private final SplittableRandom random;
    private long issued;
    private long last;

    public OpenLoopArrivals(double ratePerSecond, boolean poisson, long startNs, long stopNs, long count,
                            SplittableRandom random) {
        this.gapNs = 1e9 / ratePerSecond;
        this.poisson = poisson;
        this.startNs = startNs;
        this.stopNs = stopNs;
        this.count = count;
        this.random = random;
    }

    /** The next arrival time, or -1 when the source is done. */
    public long next() {
        if (issued >= count) {
            return -1;
        }
        long t;
        if (!poisson) {
            t = startNs + Math.round(issued * gapNs);
        } else {
            t = (issued == 0 ? startNs : last) + Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * gapNs));
        }
        if (t >= stopNs) {
            return -1;
        }
        issued++;
        last = t;
        return t;
    }
}
