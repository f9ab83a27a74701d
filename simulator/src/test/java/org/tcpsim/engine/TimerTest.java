package org.tcpsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTest {
    private final Simulation sim = new Simulation();
    private final List<Long> fired = new ArrayList<>();
    private final Timer timer = new Timer(sim, fired::add);

    @Test
    void fires_once_at_its_deadline() {
        timer.arm(100);
        sim.run(1_000);
        assertEquals(List.of(100L), fired);
        assertFalse(timer.isArmed());
    }

    @Test
    void rearming_later_moves_the_deadline_without_firing_early() {
        timer.arm(100);
        sim.schedule(50, now -> timer.arm(300));
        sim.run(1_000);
        assertEquals(List.of(300L), fired);
    }

    @Test
    void rearming_earlier_fires_at_the_earlier_time_once() {
        timer.arm(500);
        sim.schedule(50, now -> timer.arm(200));
        sim.run(1_000);
        assertEquals(List.of(200L), fired);
    }

    @Test
    void cancel_prevents_firing_and_rearm_after_cancel_works() {
        timer.arm(100);
        sim.schedule(10, now -> timer.cancel());
        sim.schedule(20, now -> assertFalse(timer.isArmed()));
        sim.run(1_000);
        assertTrue(fired.isEmpty());
        timer.arm(2_000);
        sim.run(3_000);
        assertEquals(List.of(2_000L), fired);
    }

    @Test
    void rearm_from_its_own_action_repeats() {
        List<Long> ticks = new ArrayList<>();
        Timer[] self = new Timer[1];
        self[0] = new Timer(sim, now -> {
            ticks.add(now);
            if (ticks.size() < 3) {
                self[0].arm(now + 10);
            }
        });
        self[0].arm(5);
        sim.run(1_000);
        assertEquals(List.of(5L, 15L, 25L), ticks);
    }

    @Test
    void rearm_at_the_deadline_of_a_superseded_entry_fires_exactly_once() {
        timer.arm(100);
        sim.schedule(10, now -> timer.arm(50));   // queues a second entry at 50
        sim.schedule(60, now -> timer.arm(100));  // back to 100, where the stale entry waits
        sim.run(1_000);
        assertEquals(List.of(50L, 100L), fired);
    }

    @Test
    void a_detached_timer_is_cancelled_and_fires_nothing_even_when_armed_again() {
        timer.arm(100);
        sim.schedule(10, now -> timer.detach());
        sim.schedule(20, now -> timer.arm(150)); // the owner's code may still arm it: nothing happens
        sim.schedule(30, now -> assertTrue(timer.isArmed()));
        sim.run(1_000);
        assertEquals(List.of(), fired);
        assertFalse(timer.isArmed(), "fired (doing nothing) at 150");
    }
}
