package org.tcpsim.engine;

import java.util.Arrays;

/**
 * Monotone priority queue of events keyed by simulated time: a radix heap with 11-bit digits.
 *
 * <p>Simulated time never goes backwards, so a radix heap applies. An event whose time equals
 * the last time popped waits in a FIFO; any other goes to the bucket named by the highest
 * digit in which its time differs from the last time popped (the level) and that digit's
 * value. Popping empties the smallest bucket into lower ones once its minimum becomes the
 * new floor; an event moves at most six times over its life, and all work is on flat arrays.
 * Events with equal times always share a bucket and every bucket keeps arrival order, so ties
 * leave in insertion order without a sequence number: the queue realises the
 * (time, insertion sequence) order exactly.
 */
public final class RadixEventQueue {
    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int WORDS = DIGITS / 64;
    private static final int LEVELS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int INITIAL_CAPACITY = 8;

    /** Events of one bucket in arrival order, with their smallest time kept on append. */
    private static final class Bucket {
        long[] keys = new long[INITIAL_CAPACITY];
        Event[] items = new Event[INITIAL_CAPACITY];
        int size;
        long min;
    }

    /** Bucket (level, digit) lives at index level * DIGITS + digit, created on first use. */
    private final Bucket[] buckets = new Bucket[LEVELS * DIGITS];
    /** Per level, a bit map of non-empty digits, and above it a map of its non-zero words. */
    private final long[] occupied = new long[LEVELS * WORDS];
    private final long[] occupiedWords = new long[LEVELS];
    /** Bit l set when level l has any non-empty bucket. */
    private int levelsOccupied;

    /** Events at exactly the floor time, in arrival order (a ring). */
    private Event[] fifo = new Event[64];
    private int fifoHead;
    private int fifoSize;

    private long last;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The time of the last event popped (the floor: nothing may be pushed below it). */
    public long lastPopped() {
        return last;
    }

    /** Adds an event at {@code time}, which must not be earlier than the last time popped. */
    public void push(long time, Event event) {
        if (time < last) {
            throw new IllegalStateException("event scheduled in the past: " + time + " < " + last);
        }
        if (time == last) {
            appendFifo(event);
        } else {
            append(time, event);
        }
        size++;
    }

    /**
     * Removes and returns the earliest event if its time is at most {@code limit}, else null
     * (leaving the queue untouched, so events may still be pushed at any time >= the last popped).
     */
    public Event popUntil(long limit) {
        if (fifoSize == 0) {
            if (levelsOccupied == 0) {
                return null;
            }
            int b = smallestBucket();
            Bucket bucket = buckets[b];
            if (bucket.min > limit) {
                return null;
            }
            redistribute(b, bucket);
        } else if (last > limit) {
            return null;
        }
        Event e = fifo[fifoHead];
        fifo[fifoHead] = null;
        fifoHead = (fifoHead + 1) & (fifo.length - 1);
        fifoSize--;
        size--;
        return e;
    }

    /** The earliest pending time, or {@link Long#MAX_VALUE} when empty. Does not modify the queue. */
    public long peekTime() {
        if (fifoSize != 0) {
            return last;
        }
        if (levelsOccupied == 0) {
            return Long.MAX_VALUE;
        }
        return buckets[smallestBucket()].min;
    }

    private int smallestBucket() {
        int level = Integer.numberOfTrailingZeros(levelsOccupied);
        int word = Long.numberOfTrailingZeros(occupiedWords[level]);
        long bits = occupied[level * WORDS + word];
        return level * DIGITS + word * 64 + Long.numberOfTrailingZeros(bits);
    }

    /** Empties a bucket into the FIFO and lower buckets after raising the floor to its minimum. */
    private void redistribute(int b, Bucket bucket) {
        long min = bucket.min;
        last = min;
        long[] k = bucket.keys;
        Event[] it = bucket.items;
        int n = bucket.size;
        bucket.size = 0;
        markEmpty(b);
        for (int i = 0; i < n; i++) {
            long key = k[i];
            if (key == min) {
                appendFifo(it[i]);
            } else {
                append(key, it[i]);
            }
            it[i] = null;
        }
    }

    private void append(long time, Event event) {
        int level = (63 - Long.numberOfLeadingZeros(time ^ last)) / DIGIT_BITS;
        int digit = (int) (time >>> (level * DIGIT_BITS)) & (DIGITS - 1);
        int b = level * DIGITS + digit;
        Bucket bucket = buckets[b];
        if (bucket == null) {
            bucket = buckets[b] = new Bucket();
        }
        int n = bucket.size;
        if (n == bucket.keys.length) {
            bucket.keys = Arrays.copyOf(bucket.keys, n * 2);
            bucket.items = Arrays.copyOf(bucket.items, n * 2);
        }
        bucket.keys[n] = time;
        bucket.items[n] = event;
        bucket.size = n + 1;
        if (n == 0) {
            bucket.min = time;
            occupied[level * WORDS + (digit >>> 6)] |= 1L << digit;
            occupiedWords[level] |= 1L << (digit >>> 6);
            levelsOccupied |= 1 << level;
        } else if (time < bucket.min) {
            bucket.min = time;
        }
    }

    private void markEmpty(int b) {
        int level = b / DIGITS;
        int digit = b % DIGITS;
        int w = level * WORDS + (digit >>> 6);
        occupied[w] &= ~(1L << digit);
        if (occupied[w] == 0) {
            occupiedWords[level] &= ~(1L << (digit >>> 6));
            if (occupiedWords[level] == 0) {
                levelsOccupied &= ~(1 << level);
            }
        }
    }

    private void appendFifo(Event event) {
        if (fifoSize == fifo.length) {
            Event[] bigger = new Event[fifo.length * 2];
            for (int i = 0; i < fifoSize; i++) {
                bigger[i] = fifo[(fifoHead + i) & (fifo.length - 1)];
            }
            fifo = bigger;
            fifoHead = 0;
        }
        fifo[(fifoHead + fifoSize) & (fifo.length - 1)] = event;
        fifoSize++;
    }
}
