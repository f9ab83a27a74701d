package org.tcpsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RadixEventQueueTest {

    /** An event that remembers its (time, insertion sequence) for comparison with a reference queue. */
    private record Tagged(long time, long seq) implements Event {
        @Override
        public void fire(long now) {
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void pops_in_time_then_insertion_order_like_a_reference_heap(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RadixEventQueue q = new RadixEventQueue();
        PriorityQueue<Tagged> ref = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        long now = 0;
        long seq = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 6 || ref.isEmpty()) {
                // small deltas make many ties; occasional huge ones exercise high buckets
                long delta = switch (rnd.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> rnd.nextLong(4);
                    case 2 -> rnd.nextLong(1_000_000);
                    default -> rnd.nextLong(1L << 50);
                };
                Tagged t = new Tagged(now + delta, seq++);
                q.push(t.time, t);
                ref.add(t);
            } else {
                Tagged expected = ref.poll();
                Event got = q.popUntil(Long.MAX_VALUE);
                assertEquals(expected, got, "seed " + seed + " step " + step);
                now = expected.time;
                assertEquals(now, q.lastPopped());
            }
            assertEquals(ref.size(), q.size());
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll(), q.popUntil(Long.MAX_VALUE), "seed " + seed + " drain");
        }
        assertNull(q.popUntil(Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sparse_events_one_per_bucket_and_late_ties_keep_the_reference_order(long seed) {
        // Packets microseconds apart leave one event per bucket (kept inline); a later event at an
        // already used time turns that bucket into a chunk and must still leave after the first.
        SplittableRandom rnd = new SplittableRandom(seed);
        RadixEventQueue q = new RadixEventQueue();
        PriorityQueue<Tagged> ref = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        List<Long> times = new ArrayList<>();
        long now = 0;
        long seq = 0;
        for (int step = 0; step < 30_000; step++) {
            if (rnd.nextInt(3) > 0 || ref.isEmpty()) {
                long time = !times.isEmpty() && rnd.nextInt(8) == 0
                        ? times.get(rnd.nextInt(times.size())) // a tie with an event pushed before
                        : now + 2048L * (1 + rnd.nextInt(3000)) + rnd.nextInt(2048);
                if (time < now) {
                    time = now;
                }
                times.add(time);
                if (times.size() > 64) {
                    times.remove(0);
                }
                Tagged t = new Tagged(time, seq++);
                q.push(time, t);
                ref.add(t);
            } else {
                Tagged expected = ref.poll();
                assertEquals(expected, q.popUntil(Long.MAX_VALUE), "seed " + seed + " step " + step);
                now = expected.time;
            }
            assertEquals(ref.size(), q.size());
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll(), q.popUntil(Long.MAX_VALUE), "seed " + seed + " drain");
        }
        assertNull(q.popUntil(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }

    @Test
    void popUntil_leaves_later_events_and_allows_pushing_before_them() {
        RadixEventQueue q = new RadixEventQueue();
        Tagged late = new Tagged(1000, 0);
        q.push(1000, late);
        assertNull(q.popUntil(500));
        assertEquals(1000, q.peekTime());
        Tagged early = new Tagged(600, 1);
        q.push(600, early); // legal: nothing at or after 600 has been popped
        assertEquals(early, q.popUntil(2000));
        assertEquals(late, q.popUntil(2000));
        assertEquals(Long.MAX_VALUE, q.peekTime());
    }

    @Test
    void rejects_an_event_in_the_past() {
        RadixEventQueue q = new RadixEventQueue();
        q.push(10, new Tagged(10, 0));
        q.popUntil(Long.MAX_VALUE);
        assertThrows(IllegalStateException.class, () -> q.push(9, new Tagged(9, 1)));
    }
}
