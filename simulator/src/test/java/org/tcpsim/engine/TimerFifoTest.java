package org.tcpsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerFifoTest {

    @Test
    void entries_expire_after_the_duration_in_insertion_order_with_one_queued_event() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        TimerFifo<String> fifo = new TimerFifo<>(sim, 60, (item, now) -> log.add(item + "@" + now));
        sim.schedule(0, now -> fifo.add("a"));
        sim.schedule(0, now -> fifo.add("b"));
        sim.schedule(10, now -> fifo.add("c"));
        sim.schedule(10, now -> assertEquals(1, sim.pendingEvents(), "only the head is queued"));
        sim.run(1_000);
        assertEquals(List.of("a@60", "b@60", "c@70"), log);
        assertEquals(0, fifo.size());
    }

    @Test
    void a_million_entries_cost_one_queue_slot_and_grow_the_ring() {
        Simulation sim = new Simulation();
        long[] expired = new long[1];
        TimerFifo<Integer> fifo = new TimerFifo<>(sim, 1_000, (item, now) -> expired[0]++);
        for (int i = 0; i < 1_000_000; i++) {
            fifo.add(i);
        }
        assertEquals(1, sim.pendingEvents());
        assertEquals(1_000_000, fifo.size());
        sim.run(999);
        assertEquals(0, expired[0]);
        sim.run(1_000);
        assertEquals(1_000_000, expired[0]);
    }

    @Test
    void an_entry_added_from_an_expiry_callback_waits_a_full_duration() {
        Simulation sim = new Simulation();
        List<Long> times = new ArrayList<>();
        TimerFifo<String>[] holder = new TimerFifo[1];
        holder[0] = new TimerFifo<>(sim, 100, (item, now) -> {
            times.add(now);
            if (times.size() < 3) {
                holder[0].add(item);
            }
        });
        holder[0].add("x");
        sim.run(10_000);
        assertEquals(List.of(100L, 200L, 300L), times);
    }
}
