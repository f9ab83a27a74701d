package org.tcpsim.tcp;

/**
 * Kathleen Nichols' windowed minimum (Linux: lib/win_minmax.c, struct minmax with
 * minmax_running_min), as tcp_update_rtt_min keeps tp->rtt_min: the best, second and third
 * best values with their times, so the minimum over the last {@code win} is known in constant
 * space and time, and an old minimum ages out once a whole window passes without it.
 */
final class Minmax {
    private final long[] t = new long[3];
    private final long[] v = new long[3];
    private boolean empty = true;

    /** The windowed minimum, or 0 before the first measurement. */
    long get() {
        return empty ? 0 : v[0];
    }

    /** minmax_running_min: adds measurement {@code meas} taken at {@code now}; returns the minimum. */
    long runningMin(long win, long now, long meas) {
        if (empty || meas <= v[0] || now - t[2] > win) {
            return reset(now, meas); // a new minimum, or nothing left in the window
        }
        if (meas <= v[1]) {
            set(2, now, meas);
            set(1, now, meas);
        } else if (meas <= v[2]) {
            set(2, now, meas);
        }
        return subwinUpdate(win, now, meas);
    }

    private long reset(long now, long meas) {
        empty = false;
        for (int i = 0; i < 3; i++) {
            set(i, now, meas);
        }
        return v[0];
    }

    /** minmax_subwin_update: as time passes, the second and third choices move up. */
    private long subwinUpdate(long win, long now, long meas) {
        long dt = now - t[0];
        if (dt > win) {
            shift(now, meas);
            if (now - t[0] > win) {
                shift(now, meas);
            }
        } else if (t[1] == t[0] && dt > win / 4) {
            set(2, now, meas); // a quarter of the window without a new minimum: a second choice
            set(1, now, meas);
        } else if (t[2] == t[1] && dt > win / 2) {
            set(2, now, meas); // half the window: a third choice
        }
        return v[0];
    }

    private void shift(long now, long meas) {
        set(0, t[1], v[1]);
        set(1, t[2], v[2]);
        set(2, now, meas);
    }

    private void set(int i, long time, long value) {
        t[i] = time;
        v[i] = value;
    }
}
