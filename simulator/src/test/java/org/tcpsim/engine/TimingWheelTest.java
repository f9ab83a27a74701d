package org.tcpsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimingWheelTest {
    private static final long SLOT_NS = 1L << TimingWheel.SLOT_BITS;
    private static final long WINDOW_NS = SLOT_NS * TimingWheel.SLOTS;

    /** An event that remembers its (time, insertion sequence) for comparison with a reference queue. */
    private record Tagged(long time, long seq) implements Event {
        @Override
        public void fire(long now) {
        }
    }

    private static PriorityQueue<Tagged> reference() {
        return new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void pops_in_time_then_insertion_order_like_a_reference_heap(long seed) {
        // Times within a slot, within the window, just past the horizon and far beyond it; ties with
        // earlier events; pops bounded by a limit (which must leave the queue untouched)
        SplittableRandom rnd = new SplittableRandom(seed);
        TimingWheel q = new TimingWheel();
        PriorityQueue<Tagged> ref = reference();
        List<Long> recent = new ArrayList<>();
        long now = 0;
        long seq = 0;
        for (int step = 0; step < 40_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 6 || ref.isEmpty()) {
                long time = switch (rnd.nextInt(8)) {
                    case 0 -> now;
                    case 1 -> now + rnd.nextLong(SLOT_NS); // same or next slot, often earlier than its tail
                    case 2 -> now + rnd.nextLong(50_000);
                    case 3 -> now + rnd.nextLong(WINDOW_NS); // anywhere in the window
                    case 4 -> now + WINDOW_NS - SLOT_NS + rnd.nextLong(4 * SLOT_NS); // around the horizon
                    case 5 -> now + rnd.nextLong(1L << 40); // far beyond it
                    default -> recent.isEmpty() ? now : Math.max(now, recent.get(rnd.nextInt(recent.size()))); // a tie
                };
                recent.add(time);
                if (recent.size() > 64) {
                    recent.remove(0);
                }
                Tagged t = new Tagged(time, seq++);
                q.push(time, t);
                ref.add(t);
            } else if (op == 6) {
                long limit = now + rnd.nextLong(2 * WINDOW_NS);
                Tagged expected = ref.peek().time <= limit ? ref.poll() : null;
                assertEquals(expected, q.popUntil(limit), "seed " + seed + " step " + step + " limit " + limit);
                if (expected != null) {
                    now = expected.time;
                }
            } else {
                Tagged expected = ref.poll();
                assertEquals(expected, q.popUntil(Long.MAX_VALUE), "seed " + seed + " step " + step);
                now = expected.time;
                assertEquals(now, q.lastPopped());
            }
            assertEquals(ref.size(), q.size());
            assertEquals(ref.isEmpty() ? Long.MAX_VALUE : ref.peek().time, q.peekTime());
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll(), q.popUntil(Long.MAX_VALUE), "seed " + seed + " drain");
        }
        assertNull(q.popUntil(Long.MAX_VALUE));
        assertTrue(q.isEmpty());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void a_crowded_slot_filled_in_any_order_keeps_the_reference_order(long seed) {
        // A connect storm: thousands of events within a few slots, pushed in random time order with ties
        SplittableRandom rnd = new SplittableRandom(seed);
        TimingWheel q = new TimingWheel();
        PriorityQueue<Tagged> ref = reference();
        long seq = 0;
        long base = rnd.nextLong(1L << 30);
        q.push(base, new Tagged(base, -1));
        q.popUntil(Long.MAX_VALUE); // the floor at base
        for (int i = 0; i < 3000; i++) {
            long time = base + rnd.nextLong(3 * SLOT_NS) / 7 * 7; // multiples of 7 ns: many ties
            Tagged t = new Tagged(time, seq++);
            q.push(time, t);
            ref.add(t);
        }
        while (!ref.isEmpty()) {
            Tagged expected = ref.poll();
            assertEquals(expected, q.popUntil(Long.MAX_VALUE), "seed " + seed);
            if (rnd.nextInt(4) == 0) {
                // pushed while the slot drains: at or after the time just popped
                long time = expected.time + rnd.nextLong(2 * SLOT_NS);
                Tagged t = new Tagged(time, seq++);
                q.push(time, t);
                ref.add(t);
            }
        }
        assertTrue(q.isEmpty());
        assertFalse(q.radixOnly(), "a few crowded slots (a storm of starts) leave the wheel in use");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void a_crowded_slot_turns_the_queue_into_one_radix_heap_in_the_same_order(long seed) {
        // Events that moved in from past the horizon (later than some pushed directly), then a slot of
        // more than CROWDED events: everything goes to one radix heap, still in the reference order
        SplittableRandom rnd = new SplittableRandom(seed);
        TimingWheel q = new TimingWheel();
        PriorityQueue<Tagged> ref = reference();
        long seq = 0;
        long base = 3 * WINDOW_NS;
        for (int i = 0; i < 200; i++) {
            long time = base + rnd.nextLong(WINDOW_NS / 2); // past the first horizon: kept aside
            Tagged t = new Tagged(time, seq++);
            q.push(time, t);
            ref.add(t);
        }
        Tagged first = new Tagged(base - 10, seq++);
        q.push(first.time, first);
        ref.add(first);
        assertEquals(ref.poll(), q.popUntil(Long.MAX_VALUE)); // the window jumps: the 200 move in
        for (int slot = 0; slot <= TimingWheel.CROWDED_RUN; slot++) {
            // crowded slots in a row (and a few events anywhere in the window)
            for (int i = 0; i < 2 * TimingWheel.CROWDED; i++) {
                long time = first.time + slot * SLOT_NS + rnd.nextLong(SLOT_NS / 2)
                        + (i % 5 == 0 ? rnd.nextLong(WINDOW_NS) : 0);
                Tagged t = new Tagged(time, seq++);
                q.push(time, t);
                ref.add(t);
            }
        }
        while (!ref.isEmpty()) {
            Tagged expected = ref.poll();
            assertEquals(expected, q.popUntil(Long.MAX_VALUE), "seed " + seed);
            if (rnd.nextInt(3) == 0) {
                long time = expected.time + rnd.nextLong(2 * WINDOW_NS);
                Tagged t = new Tagged(time, seq++);
                q.push(time, t);
                ref.add(t);
            }
            assertEquals(ref.size(), q.size());
            assertEquals(ref.isEmpty() ? Long.MAX_VALUE : ref.peek().time, q.peekTime());
        }
        assertTrue(q.isEmpty());
        assertTrue(q.radixOnly(), "a run of crowded slots hands everything to the radix heap");
    }

    @Test
    void events_past_the_horizon_wait_and_keep_their_order_with_ties_pushed_once_it_passes() {
        TimingWheel q = new TimingWheel();
        long far = 5 * WINDOW_NS + 123;
        Tagged a = new Tagged(far, 0); // beyond the horizon: kept aside
        Tagged b = new Tagged(far, 1);
        q.push(far, a);
        q.push(far, b);
        Tagged step = new Tagged(far - WINDOW_NS / 2, 2);
        q.push(step.time, step);
        assertEquals(step, q.popUntil(Long.MAX_VALUE)); // the window now reaches far: a and b move in
        Tagged c = new Tagged(far, 3); // pushed after them at the same time: leaves after them
        q.push(far, c);
        assertEquals(a, q.popUntil(Long.MAX_VALUE));
        assertEquals(b, q.popUntil(Long.MAX_VALUE));
        assertEquals(c, q.popUntil(Long.MAX_VALUE));
        assertTrue(q.isEmpty());
    }

    @Test
    void popUntil_leaves_later_events_and_allows_pushing_before_them() {
        TimingWheel q = new TimingWheel();
        Tagged late = new Tagged(3 * WINDOW_NS, 0);
        q.push(late.time, late);
        assertNull(q.popUntil(WINDOW_NS));
        assertEquals(late.time, q.peekTime());
        Tagged early = new Tagged(600, 1);
        q.push(600, early); // legal: nothing at or after 600 has been popped
        assertEquals(early, q.popUntil(Long.MAX_VALUE));
        assertEquals(late, q.popUntil(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }

    @Test
    void an_event_at_the_end_of_time_is_popped_last() {
        TimingWheel q = new TimingWheel();
        Tagged end = new Tagged(Long.MAX_VALUE, 0);
        Tagged soon = new Tagged(10, 1);
        q.push(end.time, end);
        q.push(soon.time, soon);
        assertEquals(soon, q.popUntil(Long.MAX_VALUE));
        assertEquals(end, q.popUntil(Long.MAX_VALUE));
        assertTrue(q.isEmpty());
    }

    @Test
    void rejects_an_event_in_the_past() {
        TimingWheel q = new TimingWheel();
        q.push(10, new Tagged(10, 0));
        q.popUntil(Long.MAX_VALUE);
        assertThrows(IllegalStateException.class, () -> q.push(9, new Tagged(9, 1)));
    }
}
