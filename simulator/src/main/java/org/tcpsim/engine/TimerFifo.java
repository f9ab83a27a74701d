package org.tcpsim.engine;

import java.util.Arrays;

/**
 * Timers that all run for the same duration share one FIFO and one queued event, as Linux's
 * timer wheel lets a million TIME_WAIT sockets cost almost nothing: entries expire in the
 * order they were added, so only the head needs an event in the simulation queue.
 *
 * <p>There is no cancel: the owner of an entry decides on expiry whether it still applies
 * (a TIME_WAIT socket that was killed or restarted ignores its stale entry).
 *
 * @param <T> what expires
 */
public final class TimerFifo<T> implements Event {
    /** Called for each entry whose time has come. */
    @FunctionalInterface
    public interface Expiry<T> {
        void expired(T item, long now);
    }

    private final Scheduler sim;
    private final long durationNs;
    private final Expiry<T> expiry;
    /** A ring, empty until the first timer (every host has two FIFOs, most never used). */
    private long[] deadlines = new long[0];
    private Object[] entries = new Object[0];
    private int head;
    private int count;
    private boolean queued;

    public TimerFifo(Scheduler sim, long durationNs, Expiry<T> expiry) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("negative duration " + durationNs);
        }
        this.sim = sim;
        this.durationNs = durationNs;
        this.expiry = expiry;
    }

    public long durationNs() {
        return durationNs;
    }

    /** Entries not yet expired (stale ones included). */
    public int size() {
        return count;
    }

    /** Starts a timer for {@code item} that expires {@code durationNs} from now; returns that deadline. */
    public long add(T item) {
        long deadline = sim.now() + durationNs;
        if (count == deadlines.length) {
            grow();
        }
        int tail = (head + count) & (deadlines.length - 1);
        deadlines[tail] = deadline;
        entries[tail] = item;
        count++;
        if (!queued) {
            queued = true;
            sim.schedule(deadline, this);
        }
        return deadline;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fire(long now) {
        int mask = deadlines.length - 1;
        while (count > 0 && deadlines[head] <= now) {
            T item = (T) entries[head];
            entries[head] = null;
            head = (head + 1) & mask;
            count--;
            expiry.expired(item, now);
            mask = deadlines.length - 1; // the callback may have added (and grown the ring)
        }
        if (count > 0) {
            sim.schedule(deadlines[head], this);
        } else {
            queued = false;
        }
    }

    private void grow() {
        int n = deadlines.length;
        long[] d = new long[Math.max(16, n * 2)];
        Object[] e = new Object[d.length];
        for (int i = 0; i < count; i++) {
            d[i] = deadlines[(head + i) & (n - 1)];
            e[i] = entries[(head + i) & (n - 1)];
        }
        deadlines = d;
        entries = e;
        head = 0;
        Arrays.fill(e, count, e.length, null);
    }
}
