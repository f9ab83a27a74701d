package org.tcpsim.engine;

import java.util.Arrays;

/**
 * Monotone priority queue of events keyed by simulated time (a radix heap).
 *
 * <p>Simulated time never goes backwards, so a radix heap applies: an event goes into the
 * bucket named by the highest bit in which its time differs from the last time popped.
 * Push is O(1); each event moves down at most 64 buckets over its life; all work is on
 * flat arrays. Events with equal times always share a bucket and every bucket is kept
 * in arrival order, so ties leave in insertion order without storing a sequence number:
 * the queue realises the (time, insertion sequence) order exactly.
 */
public final class RadixEventQueue {
    private static final int BUCKETS = 65;
    private static final int INITIAL_CAPACITY = 16;

    private final long[][] keys = new long[BUCKETS][];
    private final Event[][] items = new Event[BUCKETS][];
    private final int[] sizes = new int[BUCKETS];
    /** Bit b-1 set when bucket b (1..64) holds events; bucket 0 is tracked by head/size. */
    private long occupied;
    private int head0;
    private long last;
    private int size;

    public RadixEventQueue() {
        for (int b = 0; b < BUCKETS; b++) {
            keys[b] = new long[INITIAL_CAPACITY];
            items[b] = new Event[INITIAL_CAPACITY];
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The time of the last event popped (the queue's floor: nothing may be pushed below it). */
    public long lastPopped() {
        return last;
    }

    /** Adds an event at {@code time}, which must not be earlier than the last time popped. */
    public void push(long time, Event event) {
        if (time < last) {
            throw new IllegalStateException("event scheduled in the past: " + time + " < " + last);
        }
        append(bucketOf(time), time, event);
        size++;
    }

    /**
     * Removes and returns the earliest event if its time is at most {@code limit}, else null
     * (leaving the queue untouched, so events may still be pushed at any time >= the last popped).
     */
    public Event popUntil(long limit) {
        if (sizes[0] == head0) {
            if (occupied == 0) {
                return null;
            }
            int b = Long.numberOfTrailingZeros(occupied) + 1;
            long min = minKey(b);
            if (min > limit) {
                return null;
            }
            redistribute(b, min);
        } else if (last > limit) {
            return null;
        }
        int h = head0;
        Event e = items[0][h];
        items[0][h] = null;
        head0 = h + 1;
        if (head0 == sizes[0]) {
            head0 = 0;
            sizes[0] = 0;
        }
        size--;
        return e;
    }

    /** The earliest pending time, or {@link Long#MAX_VALUE} when empty. Does not modify the queue. */
    public long peekTime() {
        if (sizes[0] != head0) {
            return last;
        }
        if (occupied == 0) {
            return Long.MAX_VALUE;
        }
        return minKey(Long.numberOfTrailingZeros(occupied) + 1);
    }

    private int bucketOf(long time) {
        return time == last ? 0 : 64 - Long.numberOfLeadingZeros(time ^ last);
    }

    private long minKey(int b) {
        long[] k = keys[b];
        long min = Long.MAX_VALUE;
        for (int i = 0, n = sizes[b]; i < n; i++) {
            if (k[i] < min) {
                min = k[i];
            }
        }
        return min;
    }

    /** Empties bucket b into lower buckets after moving the floor to its minimum. */
    private void redistribute(int b, long min) {
        last = min;
        long[] k = keys[b];
        Event[] it = items[b];
        int n = sizes[b];
        sizes[b] = 0;
        occupied &= ~(1L << (b - 1));
        for (int i = 0; i < n; i++) {
            append(bucketOf(k[i]), k[i], it[i]);
            it[i] = null;
        }
    }

    private void append(int b, long time, Event event) {
        int n = sizes[b];
        if (n == keys[b].length) {
            keys[b] = Arrays.copyOf(keys[b], n * 2);
            items[b] = Arrays.copyOf(items[b], n * 2);
        }
        keys[b][n] = time;
        items[b][n] = event;
        sizes[b] = n + 1;
        if (b != 0) {
            occupied |= 1L << (b - 1);
        }
    }
}
