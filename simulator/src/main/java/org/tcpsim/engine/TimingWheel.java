package org.tcpsim.engine;

import java.util.Arrays;

/**
 * Monotone priority queue of events keyed by simulated time: a timing wheel for the near future in
 * front of radix heaps ({@link RadixEventQueue}) for the rest.
 *
 * <p>The wheel has {@value #SLOTS} slots of 2^{@value #SLOT_BITS} ns (1.024 us) and holds the events
 * earlier than its horizon, about 33.5 ms past the slot of the last time popped; later ones wait in
 * a radix heap and move to the wheel, in their order, as soon as the horizon passes them (before
 * anything else can be pushed there). Most events of a simulated network are packets a link delay
 * ahead, microseconds apart: each is written to its slot once and, alone there, popped at once, where
 * the radix heap moved each about 2.4 times (its level is the highest bit in which the time differs
 * from the last popped, so a packet 5 ms ahead starts two levels up and comes down one at a time). A
 * slot is a list in insertion order; when the earliest slot holds several events they move, in that
 * order, to a second radix heap that sorts them by time and keeps ties in insertion order, and events
 * pushed into that slot meanwhile join them there. So the queue realises the (time, insertion
 * sequence) order exactly, as the radix heap alone did, and a crowded slot (a million events pending
 * a millisecond apart on average) costs what the radix heap costs. List nodes are int indexes into
 * flat arrays with a free list: nothing is allocated per event.
 */
public final class TimingWheel {
    static final int SLOT_BITS = 10;
    static final int SLOTS = 1 << 15;
    /** A slot holding more events than this is crowded; {@link #CROWDED_RUN} of them in a row make the queue {@link #radixOnly}. */
    static final int CROWDED = 64;
    static final int CROWDED_RUN = 64;
    private static final int MASK = SLOTS - 1;
    private static final int WORDS = SLOTS / 64;
    private static final int NONE = -1;
    private static final long EMPTY = -1L;
    private static final long LOW32 = 0xFFFF_FFFFL;

    /**
     * First (low 32 bits) and last (high 32 bits) node of each slot's list, {@link #EMPTY} (both NONE)
     * when the slot is empty: one long, so a push or a pop touches one cache line of this 256 KiB
     * table, not one in each of two int arrays (a slot is rarely in cache when its time comes).
     */
    private final long[] ends = new long[SLOTS];
    /** A bit per non-empty slot, and above it a bit per non-zero word. */
    private final long[] occupied = new long[WORDS];
    private final long[] occupiedWords = new long[WORDS / 64];

    // Node n is (nodes[2n], items[n]): its time, and its event; nodes[2n + 1] links a slot's list or the
    // free list. The time and the link side by side: popping a lone event reads one line of nodes, not
    // one of a time array and one of a link array (its node was written a link delay ago, long evicted).
    private long[] nodes = new long[2 * 256];
    private Event[] items = new Event[256];
    private int nodesAllocated;
    private int freeNode = NONE;

    /** The events of the slot being emptied, when it held several (all earlier than any other). */
    private final RadixEventQueue near = new RadixEventQueue();
    /** Events at or past the horizon; never holds anything earlier than it. */
    private RadixEventQueue later = new RadixEventQueue();
    /** The earliest time in {@link #later} ({@link Long#MAX_VALUE} when empty). */
    private long laterMin = Long.MAX_VALUE;

    /**
     * Set once {@link #CROWDED_RUN} slots in a row held more than {@link #CROWDED} events (not one
     * crowded instant, such as a thousand flows starting together): from then on every event goes through
     * {@link #later} alone (the wheel's horizon stays at 0), as dense traffic (a million events a
     * millisecond apart) runs faster in the radix heap's chunks than in the wheel's scattered list nodes.
     */
    private boolean radixOnly;
    /** Crowded slots emptied since the last slot of several events that was not. */
    private int crowdedRun;
    private long last;
    /** The slot of the window's first time: the last time popped, or where the wheel jumped to. */
    private int cursor;
    /** The wheel holds exactly the pending events earlier than this. */
    private long horizon = horizonAfter(0);
    private int inWheel;

    public TimingWheel() {
        Arrays.fill(ends, EMPTY);
    }

    public int size() {
        return inWheel + near.size() + later.size();
    }

    public boolean isEmpty() {
        return inWheel == 0 && near.isEmpty() && later.isEmpty();
    }

    /** Whether every event now goes through one radix heap (after a run of crowded slots). */
    boolean radixOnly() {
        return radixOnly;
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
        if (time < horizon) {
            if (!near.isEmpty() && time >>> SLOT_BITS == last >>> SLOT_BITS) {
                near.push(time, event); // into the slot being emptied
            } else {
                insert(time, event);
            }
        } else {
            later.push(time, event);
            if (time < laterMin) {
                laterMin = time;
            }
        }
    }

    /**
     * Removes and returns the earliest event if its time is at most {@code limit}, else null
     * (leaving the queue untouched, so events may still be pushed at any time >= the last popped).
     */
    public Event popUntil(long limit) {
        if (!near.isEmpty()) {
            Event e = near.popUntil(limit);
            if (e != null) {
                last = near.lastPopped();
            }
            return e;
        }
        if (radixOnly) {
            Event e = later.popUntil(limit);
            if (e != null) {
                last = later.lastPopped();
            }
            return e;
        }
        if (inWheel == 0) {
            if (laterMin > limit || later.isEmpty()) {
                return null;
            }
            if (laterMin == Long.MAX_VALUE) {
                // at the end of time: no window reaches it (the horizon saturates there)
                Event e = later.popUntil(limit);
                last = later.lastPopped();
                laterMin = later.peekTime();
                return e;
            }
            // nothing near: the window jumps to the earliest later event
            cursor = (int) (laterMin >>> SLOT_BITS) & MASK;
            horizon = horizonAfter(laterMin);
            migrate();
        }
        int s = firstSlot();
        int n = (int) ends[s];
        if (next(n) == NONE) {
            // the slot's only event: the earliest of all
            long time = nodes[2 * n];
            if (time > limit) {
                return null;
            }
            Event e = items[n];
            items[n] = null;
            ends[s] = EMPTY;
            markEmpty(s);
            release(n);
            last = time;
            moveCursor(s, time);
            return e;
        }
        long min = nodes[2 * n];
        int crowd = 1;
        for (int p = next(n); p != NONE; p = next(p)) {
            min = Math.min(min, nodes[2 * p]);
            crowd++;
        }
        if (min > limit) {
            return null;
        }
        crowdedRun = crowd > CROWDED ? crowdedRun + 1 : 0;
        if (crowdedRun >= CROWDED_RUN) {
            toRadixOnly();
            return popUntil(limit);
        }
        // several: they leave through near, which orders them by time and then as they came; its floor at
        // the slot's start puts them all in its lowest level (times that differ only below SLOT_BITS)
        near.raiseFloor(min >>> SLOT_BITS << SLOT_BITS);
        for (int p = n; p != NONE; ) {
            near.push(nodes[2 * p], items[p]);
            items[p] = null;
            int following = next(p);
            release(p);
            p = following;
        }
        ends[s] = EMPTY;
        markEmpty(s);
        moveCursor(s, min);
        Event e = near.popUntil(limit);
        last = near.lastPopped();
        return e;
    }

    /**
     * Moves every event to one radix heap: the wheel's slot by slot in time order and each slot's in
     * insertion order, then those of {@link #later} (all later than the wheel's), so their order is
     * kept; every push goes there from now on.
     */
    private void toRadixOnly() {
        // a fresh heap: the old one may have let out (into the wheel) times later than some left in the wheel
        RadixEventQueue all = new RadixEventQueue();
        for (int i = 0; i < SLOTS && inWheel > 0; i++) {
            int s = (cursor + i) & MASK;
            for (int p = (int) ends[s]; p != NONE; ) {
                all.push(nodes[2 * p], items[p]);
                items[p] = null;
                int following = next(p);
                release(p);
                p = following;
            }
            if (ends[s] != EMPTY) {
                ends[s] = EMPTY;
                markEmpty(s);
            }
        }
        for (Event e = later.popUntil(Long.MAX_VALUE); e != null; e = later.popUntil(Long.MAX_VALUE)) {
            all.push(later.lastPopped(), e);
        }
        later = all;
        radixOnly = true;
        horizon = 0;
        laterMin = later.peekTime();
    }

    /** The window now starts at slot {@code s}, the slot of {@code time}: the horizon moves with it. */
    private void moveCursor(int s, long time) {
        if (s != cursor) {
            cursor = s;
            horizon = horizonAfter(time);
            if (laterMin < horizon) {
                migrate();
            }
        }
    }

    /** The earliest pending time, or {@link Long#MAX_VALUE} when empty. Does not modify the queue. */
    public long peekTime() {
        if (!near.isEmpty()) {
            return near.peekTime();
        }
        if (radixOnly) {
            return later.peekTime();
        }
        if (inWheel == 0) {
            return laterMin;
        }
        long min = Long.MAX_VALUE;
        for (int p = (int) ends[firstSlot()]; p != NONE; p = next(p)) {
            min = Math.min(min, nodes[2 * p]);
        }
        return min;
    }

    /** The first time past the window that starts at {@code time}'s slot (saturating). */
    private static long horizonAfter(long time) {
        long h = ((time >>> SLOT_BITS) + SLOTS) << SLOT_BITS;
        return h < 0 ? Long.MAX_VALUE : h;
    }

    /** Moves the later events the horizon now passes into the wheel, earliest first. */
    private void migrate() {
        while (laterMin < horizon) {
            Event e = later.popUntil(laterMin);
            insert(later.lastPopped(), e);
            laterMin = later.peekTime();
        }
    }

    private void insert(long time, Event event) {
        int n = takeNode();
        nodes[2 * n] = time;
        items[n] = event;
        setNext(n, NONE);
        inWheel++;
        int s = (int) (time >>> SLOT_BITS) & MASK;
        long v = ends[s];
        if (v == EMPTY) {
            ends[s] = (n & LOW32) | (long) n << 32;
            occupied[s >>> 6] |= 1L << s;
            occupiedWords[s >>> 12] |= 1L << (s >>> 6);
        } else {
            setNext((int) (v >>> 32), n);
            ends[s] = (v & LOW32) | (long) n << 32;
        }
    }

    /** The first non-empty slot from the cursor on, around the wheel (the wheel must not be empty). */
    private int firstSlot() {
        int w = cursor >>> 6;
        long bits = occupied[w] & (-1L << cursor);
        if (bits != 0) {
            return (w << 6) | Long.numberOfTrailingZeros(bits);
        }
        // the words after the cursor's, then from the wheel's start up to and including it
        int sw = w >>> 6;
        long summary = occupiedWords[sw] & (-2L << w); // words above w within its summary word
        while (summary == 0) {
            sw = (sw + 1) & (occupiedWords.length - 1);
            summary = occupiedWords[sw];
        }
        int word = (sw << 6) | Long.numberOfTrailingZeros(summary);
        return (word << 6) | Long.numberOfTrailingZeros(occupied[word]);
    }

    private int takeNode() {
        int n = freeNode;
        if (n == NONE) {
            if (nodesAllocated == items.length) {
                int size = items.length * 2;
                nodes = Arrays.copyOf(nodes, 2 * size);
                items = Arrays.copyOf(items, size);
            }
            return nodesAllocated++;
        }
        freeNode = next(n);
        return n;
    }

    /** The node after {@code n} in its slot's list or in the free list. */
    private int next(int n) {
        return (int) nodes[2 * n + 1];
    }

    private void setNext(int n, int following) {
        nodes[2 * n + 1] = following;
    }

    private void release(int n) {
        setNext(n, freeNode);
        freeNode = n;
        inWheel--;
    }

    private void markEmpty(int s) {
        int w = s >>> 6;
        occupied[w] &= ~(1L << s);
        if (occupied[w] == 0) {
            occupiedWords[w >>> 6] &= ~(1L << w);
        }
    }
}
