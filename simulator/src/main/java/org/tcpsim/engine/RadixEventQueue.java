package org.tcpsim.engine;

import java.util.Arrays;


/**
 * Monotone priority queue of events keyed by simulated time: a radix heap with 11-bit digits.
 *
 * <p>Simulated time never goes backwards, so a radix heap applies. An event goes to the bucket
 * named by the highest digit in which its time differs from the last time popped (the level)
 * and that digit's value. A level-0 bucket therefore holds a single time and is popped from the
 * front; a higher bucket, once it holds the smallest times, is emptied into lower ones with its
 * minimum as the new floor. An event moves at most five times over its life; a bucket holding a
 * single event keeps it inline and, once smallest, is popped from at once. Buckets are chains
 * of fixed-size chunks taken from and returned to a free list, so nothing is copied to grow a
 * bucket and memory follows the number of pending events. Buckets and chunks are plain int
 * indexes into flat arrays (no objects to chase on the hot path). Events with equal times always share a bucket and every bucket keeps arrival
 * order, so ties leave in insertion order without a sequence number: the queue realises the
 * (time, insertion sequence) order exactly.
 */
public final class RadixEventQueue {
    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int WORDS = DIGITS / 64;
    private static final int LEVELS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int BUCKETS = LEVELS * DIGITS;
    private static final int CHUNK_BITS = 7;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int NONE = -1;
    /** The level of a time whose xor with the floor has n leading zeros (64: equal times, level 0). */
    private static final byte[] LEVEL_OF_NLZ = new byte[65];
    /** In {@link #only}: the bucket's events are in its chunk chain. */
    private static final Event CHUNKED = now -> { };

    static {
        for (int n = 0; n < 64; n++) {
            LEVEL_OF_NLZ[n] = (byte) ((63 - n) / DIGIT_BITS);
        }
    }

    // Bucket (level, digit) is index level * DIGITS + digit in these arrays.
    private final int[] headChunk = new int[BUCKETS];
    private final int[] tailChunk = new int[BUCKETS];
    private final int[] headIndex = new int[BUCKETS];
    /**
     * A bucket's event while it is its only one, {@link #CHUNKED} when its events are in a chunk
     * chain, null when empty. Most buckets above level 0 hold a single event when events are
     * sparse in time (packets microseconds apart), and this spares them a chunk and its cache
     * lines; one load tells an append or a pop which case it has.
     */
    private final Event[] only = new Event[BUCKETS];
    /** Smallest time in each non-empty bucket, kept on append. */
    private final long[] mins = new long[BUCKETS];
    /** Per level, a bit map of non-empty digits, and above it a map of its non-zero words. */
    private final long[] occupied = new long[LEVELS * WORDS];
    private final long[] occupiedWords = new long[LEVELS];
    /** Bit l set when level l has any non-empty bucket. */
    private int levelsOccupied;

    // Chunk c holds entries [c * CHUNK, c * CHUNK + count[c]) of keys/items; next links a bucket's chain or the free list.
    private long[] keys = new long[64 * CHUNK];
    private Event[] items = new Event[64 * CHUNK];
    private int[] count = new int[64];
    private int[] next = new int[64];
    private int chunksAllocated;
    private int freeChunk = NONE;

    private long last;
    private int size;

    public RadixEventQueue() {
        Arrays.fill(headChunk, NONE);
        Arrays.fill(tailChunk, NONE);
    }

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

    /**
     * Raises the floor of an empty queue to {@code time} if it is below (as if an event at it had just
     * been popped): events pushed next that share more high bits with it go to lower levels and move
     * fewer times.
     */
    public void raiseFloor(long time) {
        if (size != 0) {
            throw new IllegalStateException("the floor of a queue holding events");
        }
        last = Math.max(last, time);
    }

    /** Adds an event at {@code time}, which must not be earlier than the last time popped. */
    public void push(long time, Event event) {
        if (time < last) {
            throw new IllegalStateException("event scheduled in the past: " + time + " < " + last);
        }
        append(time, event);
        size++;
    }

    /**
     * Removes and returns the earliest event if its time is at most {@code limit}, else null
     * (leaving the queue untouched, so events may still be pushed at any time >= the last popped).
     */
    public Event popUntil(long limit) {
        if (levelsOccupied == 0) {
            return null;
        }
        int b = smallestBucket();
        if (mins[b] > limit) {
            return null;
        }
        Event single = only[b];
        while (single == CHUNKED && b >= DIGITS) {
            redistribute(b);
            b = smallestBucket();
            single = only[b];
        }
        last = mins[b];
        if (single != CHUNKED) {
            // the smallest bucket holds one event: it is the earliest, whatever the bucket's level
            only[b] = null;
            markEmpty(b);
            size--;
            return single;
        }
        int c = headChunk[b];
        int h = headIndex[b];
        int slot = (c << CHUNK_BITS) + h;
        Event e = items[slot];
        items[slot] = null;
        if (++h < count[c]) {
            headIndex[b] = h;
        } else if (c == tailChunk[b]) {
            only[b] = null;
            headChunk[b] = NONE;
            tailChunk[b] = NONE;
            headIndex[b] = 0;
            release(c);
            markEmpty(b);
        } else {
            headChunk[b] = next[c];
            headIndex[b] = 0;
            release(c);
        }
        size--;
        return e;
    }

    /** The earliest pending time, or {@link Long#MAX_VALUE} when empty. Does not modify the queue. */
    public long peekTime() {
        return levelsOccupied == 0 ? Long.MAX_VALUE : mins[smallestBucket()];
    }

    private int smallestBucket() {
        int level = Integer.numberOfTrailingZeros(levelsOccupied);
        int word = Long.numberOfTrailingZeros(occupiedWords[level]);
        long bits = occupied[level * WORDS + word];
        return level * DIGITS + word * 64 + Long.numberOfTrailingZeros(bits);
    }

    /** Empties a bucket above level 0 into lower ones after raising the floor to its minimum. */
    private void redistribute(int b) {
        last = mins[b];
        int c = headChunk[b];
        // (a bucket holding its event inline is never redistributed: popUntil takes it directly)
        only[b] = null;
        headChunk[b] = NONE;
        tailChunk[b] = NONE;
        markEmpty(b);
        while (c != NONE) {
            int base = c << CHUNK_BITS;
            for (int i = base, end = base + count[c]; i < end; i++) {
                Event e = items[i];
                items[i] = null;
                append(keys[i], e);
            }
            int following = next[c];
            release(c);
            c = following;
        }
    }

    private void append(long time, Event event) {
        int level = LEVEL_OF_NLZ[Long.numberOfLeadingZeros(time ^ last)];
        int digit = (int) (time >>> (level * DIGIT_BITS)) & (DIGITS - 1);
        int b = level * DIGITS + digit;
        Event first = only[b];
        if (first == null) {
            // an empty bucket keeps its first event inline: no chunk until a second one comes
            only[b] = event;
            mins[b] = time;
            occupied[level * WORDS + (digit >>> 6)] |= 1L << digit;
            occupiedWords[level] |= 1L << (digit >>> 6);
            levelsOccupied |= 1 << level;
            return;
        }
        int t;
        if (first != CHUNKED) {
            // a second event: both go to a chunk, the inline one first (its time is the bucket's minimum)
            only[b] = CHUNKED;
            t = takeChunk();
            headChunk[b] = t;
            tailChunk[b] = t;
            keys[t << CHUNK_BITS] = mins[b];
            items[t << CHUNK_BITS] = first;
            count[t] = 1;
        } else {
            t = tailChunk[b];
            if (count[t] == CHUNK) {
                int fresh = takeChunk();
                next[t] = fresh;
                tailChunk[b] = fresh;
                t = fresh;
            }
        }
        if (time < mins[b]) {
            mins[b] = time;
        }
        int slot = (t << CHUNK_BITS) + count[t]++;
        keys[slot] = time;
        items[slot] = event;
    }

    private int takeChunk() {
        int c = freeChunk;
        if (c == NONE) {
            if (chunksAllocated == count.length) {
                int n = count.length * 2;
                count = Arrays.copyOf(count, n);
                next = Arrays.copyOf(next, n);
                keys = Arrays.copyOf(keys, n * CHUNK);
                items = Arrays.copyOf(items, n * CHUNK);
            }
            c = chunksAllocated++;
        } else {
            freeChunk = next[c];
        }
        next[c] = NONE;
        count[c] = 0;
        return c;
    }

    private void release(int c) {
        next[c] = freeChunk;
        freeChunk = c;
    }

    private void markEmpty(int b) {
        int level = b >>> DIGIT_BITS; // b is never negative: a shift, not a signed division
        int digit = b & (DIGITS - 1);
        int w = level * WORDS + (digit >>> 6);
        occupied[w] &= ~(1L << digit);
        if (occupied[w] == 0) {
            occupiedWords[level] &= ~(1L << (digit >>> 6));
            if (occupiedWords[level] == 0) {
                levelsOccupied &= ~(1 << level);
            }
        }
    }
}
