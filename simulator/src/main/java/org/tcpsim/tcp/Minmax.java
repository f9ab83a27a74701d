package org.tcpsim.tcp;

/**
 * Kathleen Nichols' windowed minimum (Linux: lib/win_minmax.c, struct minmax with
 * minmax_running_min), as tcp_update_rtt_min keeps tp->rtt_min: the best, second and third
 * best values with their times, so the minimum over the last {@code win} is known in constant
 * space and time, and an old minimum ages out once a whole window passes without it. The three
 * samples are plain fields (it runs on every RTT sample).
 */
final class Minmax {
    private long t0;
    private long t1;
    private long t2;
    private long v0;
    private long v1;
    private long v2;
    private boolean empty = true;

    /** The windowed minimum, or 0 before the first measurement. */
    long get() {
        return empty ? 0 : v0;
    }

    /** minmax_running_min: adds measurement {@code meas} taken at {@code now}; returns the minimum. */
    long runningMin(long win, long now, long meas) {
        if (empty || meas <= v0 || now - t2 > win) {
            // a new minimum, or nothing left in the window: forget the earlier samples
            empty = false;
            t0 = t1 = t2 = now;
            v0 = v1 = v2 = meas;
            return meas;
        }
        if (meas <= v1) {
            t1 = t2 = now;
            v1 = v2 = meas;
        } else if (meas <= v2) {
            t2 = now;
            v2 = meas;
        }
        return subwinUpdate(win, now, meas);
    }

    /** minmax_subwin_update: as time passes, the second and third choices move up. */
    private long subwinUpdate(long win, long now, long meas) {
        long dt = now - t0;
        if (dt > win) {
            shift(now, meas);
            if (now - t0 > win) {
                shift(now, meas);
            }
        } else if (t1 == t0 && dt > win / 4) {
            t1 = t2 = now; // a quarter of the window without a new minimum: a second choice
            v1 = v2 = meas;
        } else if (t2 == t1 && dt > win / 2) {
            t2 = now; // half the window: a third choice
            v2 = meas;
        }
        return v0;
    }

    private void shift(long now, long meas) {
        t0 = t1;
        v0 = v1;
        t1 = t2;
        v1 = v2;
        t2 = now;
        v2 = meas;
    }
}
