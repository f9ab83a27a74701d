package org.tcpsim.engine;


/**
 * Monotone priority queue of events keyed by simulated time: a radix heap with 11-bit digits.
 *
 * <p>Simulated time never goes backwards, so a radix heap applies. An event goes to the bucket
 * named by the highest digit in which its time differs from the last time popped (the level)
 * and that digit's value. A level-0 bucket therefore holds a single time and is popped from the
 * front; a higher bucket, once it holds the smallest times, is emptied into lower ones with its
 * minimum as the new floor. An event moves at most five times over its life. Buckets are chains
 * of fixed-size chunks taken from and returned to a free list, so nothing is ever copied to grow
 * and memory follows the number of pending events. Events with equal times always share a bucket and every bucket keeps arrival
 * order, so ties leave in insertion order without a sequence number: the queue realises the
 * (time, insertion sequence) order exactly.
 */
public final class RadixEventQueue {
    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int WORDS = DIGITS / 64;
    private static final int LEVELS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int CHUNK = 128;

    /** A fixed-size piece of a bucket: times and events in arrival order. */
    private static final class Chunk {
        final long[] keys = new long[CHUNK];
        final Event[] items = new Event[CHUNK];
        int count;
        Chunk next;
    }

    /** A chain of chunks, read from (head, headIndex); its smallest time is kept on append. */
    private static final class Bucket {
        Chunk head;
        Chunk tail;
        int headIndex;
        long min;
    }

    /** Bucket (level, digit) lives at index level * DIGITS + digit, created on first use. */
    private final Bucket[] buckets = new Bucket[LEVELS * DIGITS];
    /** Per level, a bit map of non-empty digits, and above it a map of its non-zero words. */
    private final long[] occupied = new long[LEVELS * WORDS];
    private final long[] occupiedWords = new long[LEVELS];
    /** Bit l set when level l has any non-empty bucket. */
    private int levelsOccupied;
    private Chunk freeChunks;

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
        Bucket bucket = buckets[b];
        if (bucket.min > limit) {
            return null;
        }
        while (b >= DIGITS) {
            redistribute(b, bucket);
            b = smallestBucket();
            bucket = buckets[b];
        }
        last = bucket.min;
        Chunk c = bucket.head;
        int h = bucket.headIndex;
        Event e = c.items[h];
        c.items[h] = null;
        if (++h < c.count) {
            bucket.headIndex = h;
        } else if (c == bucket.tail) {
            bucket.head = null;
            bucket.tail = null;
            bucket.headIndex = 0;
            release(c);
            markEmpty(b);
        } else {
            bucket.head = c.next;
            bucket.headIndex = 0;
            release(c);
        }
        size--;
        return e;
    }

    /** The earliest pending time, or {@link Long#MAX_VALUE} when empty. Does not modify the queue. */
    public long peekTime() {
        return levelsOccupied == 0 ? Long.MAX_VALUE : buckets[smallestBucket()].min;
    }

    private int smallestBucket() {
        int level = Integer.numberOfTrailingZeros(levelsOccupied);
        int word = Long.numberOfTrailingZeros(occupiedWords[level]);
        long bits = occupied[level * WORDS + word];
        return level * DIGITS + word * 64 + Long.numberOfTrailingZeros(bits);
    }

    /** Empties a bucket above level 0 into lower ones after raising the floor to its minimum. */
    private void redistribute(int b, Bucket bucket) {
        last = bucket.min;
        Chunk c = bucket.head;
        bucket.head = null;
        bucket.tail = null;
        markEmpty(b);
        while (c != null) {
            long[] k = c.keys;
            Event[] it = c.items;
            for (int i = 0, n = c.count; i < n; i++) {
                append(k[i], it[i]);
                it[i] = null;
            }
            Chunk next = c.next;
            release(c);
            c = next;
        }
    }

    private void append(long time, Event event) {
        int level = (63 - Long.numberOfLeadingZeros(time ^ last)) / DIGIT_BITS; // time == last gives level 0
        int digit = (int) (time >>> (level * DIGIT_BITS)) & (DIGITS - 1);
        int b = level * DIGITS + digit;
        Bucket bucket = buckets[b];
        if (bucket == null) {
            bucket = buckets[b] = new Bucket();
        }
        Chunk tail = bucket.tail;
        if (tail == null) {
            tail = bucket.head = bucket.tail = takeChunk();
            bucket.min = time;
            occupied[level * WORDS + (digit >>> 6)] |= 1L << digit;
            occupiedWords[level] |= 1L << (digit >>> 6);
            levelsOccupied |= 1 << level;
        } else {
            if (tail.count == CHUNK) {
                tail = tail.next = bucket.tail = takeChunk();
            }
            if (time < bucket.min) {
                bucket.min = time;
            }
        }
        int n = tail.count;
        tail.keys[n] = time;
        tail.items[n] = event;
        tail.count = n + 1;
    }

    private Chunk takeChunk() {
        Chunk c = freeChunks;
        if (c == null) {
            return new Chunk();
        }
        freeChunks = c.next;
        c.next = null;
        c.count = 0;
        return c;
    }

    private void release(Chunk c) {
        c.next = freeChunks;
        freeChunks = c;
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
}
