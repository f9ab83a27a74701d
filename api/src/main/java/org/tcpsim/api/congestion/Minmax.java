package org.tcpsim.api.congestion;

/**
 * Kathleen Nichols' windowed min/max estimator, as lib/win_minmax.c keeps it (struct minmax,
 * exported to modules): the best, second best and third best measurements with their times, so
 * the extreme over the last {@code win} time units is known in constant space and time, and an old
 * extreme ages out once a whole window passes without it. Times and values are the kernel's
 * {@code u32}: Java {@code int}s compared unsigned, time differences taken modulo 2^32. The time
 * unit is the caller's: tp->rtt_min uses jiffies, BBR's bandwidth filter counts round trips.
 * One estimator tracks either a running minimum or a running maximum, never both.
 */
public final class Minmax {
    private int t0;
    private int t1;
    private int t2;
    private int v0;
    private int v1;
    private int v2;

    /** A zeroed struct minmax (all three samples {@code {t = 0, v = 0}}), as in a zeroed icsk_ca_priv. */
    public Minmax() {
    }

    /**
     * Linux: minmax_get(): the current extreme, s[0].v.
     *
     * @return the windowed minimum or maximum (u32)
     */
    public int get() {
        return v0;
    }

    /**
     * Linux: minmax_reset(): forgets every sample; {@code meas} at {@code t} is all three.
     *
     * @param t    time of the measurement (u32)
     * @param meas the measurement (u32)
     * @return {@code meas}
     */
    public int reset(int t, int meas) {
        t0 = t1 = t2 = t;
        v0 = v1 = v2 = meas;
        return v0;
    }

    /**
     * Linux: minmax_running_max(): adds a measurement to a windowed maximum.
     *
     * @param win  the window length, in the time unit of {@code t} (u32)
     * @param t    time of the measurement (u32)
     * @param meas the measurement (u32)
     * @return the windowed maximum
     */
    public int runningMax(int win, int t, int meas) {
        if (Integer.compareUnsigned(meas, v0) >= 0 || Integer.compareUnsigned(t - t2, win) > 0) {
            return reset(t, meas); // a new maximum, or nothing left in the window: forget earlier samples
        }
        if (Integer.compareUnsigned(meas, v1) >= 0) {
            t2 = t1 = t;
            v2 = v1 = meas;
        } else if (Integer.compareUnsigned(meas, v2) >= 0) {
            t2 = t;
            v2 = meas;
        }
        return subwinUpdate(win, t, meas);
    }

    /**
     * Linux: minmax_running_min(): adds a measurement to a windowed minimum.
     *
     * @param win  the window length, in the time unit of {@code t} (u32)
     * @param t    time of the measurement (u32)
     * @param meas the measurement (u32)
     * @return the windowed minimum
     */
    public int runningMin(int win, int t, int meas) {
        if (Integer.compareUnsigned(meas, v0) <= 0 || Integer.compareUnsigned(t - t2, win) > 0) {
            return reset(t, meas); // a new minimum, or nothing left in the window: forget earlier samples
        }
        if (Integer.compareUnsigned(meas, v1) <= 0) {
            t2 = t1 = t;
            v2 = v1 = meas;
        } else if (Integer.compareUnsigned(meas, v2) <= 0) {
            t2 = t;
            v2 = meas;
        }
        return subwinUpdate(win, t, meas);
    }

    /** Linux: minmax_subwin_update(): as time passes, the second and third choices move up. */
    private int subwinUpdate(int win, int t, int meas) {
        int dt = t - t0;
        if (Integer.compareUnsigned(dt, win) > 0) {
            // Passed entire window without a new extreme: make the 2nd choice the new one, the 3rd the
            // new 2nd; and again if the 2nd choice is also outside the window.
            shift(t, meas);
            if (Integer.compareUnsigned(t - t0, win) > 0) {
                shift(t, meas);
            }
        } else if (t1 == t0 && Integer.compareUnsigned(dt, Integer.divideUnsigned(win, 4)) > 0) {
            t2 = t1 = t; // a quarter of the window without a new extreme: take a 2nd choice
            v2 = v1 = meas;
        } else if (t2 == t1 && Integer.compareUnsigned(dt, Integer.divideUnsigned(win, 2)) > 0) {
            t2 = t; // half the window: take a 3rd choice
            v2 = meas;
        }
        return v0;
    }

    private void shift(int t, int meas) {
        t0 = t1;
        v0 = v1;
        t1 = t2;
        v1 = v2;
        t2 = t;
        v2 = meas;
    }
}
