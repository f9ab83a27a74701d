package org.tcpsim.bench;

import java.util.SplittableRandom;
import org.tcpsim.engine.Event;
import org.tcpsim.engine.TimingWheel;
import org.tcpsim.engine.Simulation;

/**
 * The classic hold model: N events pending; each event, when it fires, schedules itself again
 * at now + an exponential increment. Measures the engine alone (queue + dispatch).
 */
public final class HoldBenchmark {
    private HoldBenchmark() {
    }

    /** Events per wall second over {@code events} holds with {@code pending} events in the queue. */
    public static Result run(int pending, long events, long seed) {
        Simulation sim = new Simulation();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] increments = new long[1 << 16];
        for (int i = 0; i < increments.length; i++) {
            increments[i] = 1 + Math.round(-Math.log(1 - rnd.nextDouble()) * 1_000_000); // mean 1 ms
        }
        long[] counter = new long[1];
        for (int i = 0; i < pending; i++) {
            sim.schedule(increments[i & (increments.length - 1)] * (i % 997), new Holder(sim, increments, counter, i));
        }
        // warm up the JIT, then measure a fixed number of holds by simulated-time slices
        runHolds(sim, counter, Math.min(events / 4, 2_000_000));
        long start = System.nanoTime();
        long before = sim.eventsExecuted();
        runHolds(sim, counter, events);
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(sim.eventsExecuted() - before, wall, sim.pendingEvents());
    }

    /**
     * The queue alone: pop one, push it back at now + an exponential increment, without calling
     * the event (so no event object is touched). Separates queue cost from dispatch cost.
     */
    public static Result queueOnly(int pending, long events, long seed) {
        TimingWheel q = new TimingWheel();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] increments = new long[1 << 16];
        for (int i = 0; i < increments.length; i++) {
            increments[i] = 1 + Math.round(-Math.log(1 - rnd.nextDouble()) * 1_000_000);
        }
        for (int i = 0; i < pending; i++) {
            q.push(increments[i & (increments.length - 1)] * (i % 997), now -> { });
        }
        for (long i = 0; i < Math.min(events / 4, 2_000_000); i++) {
            Event e = q.popUntil(Long.MAX_VALUE);
            q.push(q.lastPopped() + increments[(int) i & (increments.length - 1)], e);
        }
        long start = System.nanoTime();
        for (long i = 0; i < events; i++) {
            Event e = q.popUntil(Long.MAX_VALUE);
            q.push(q.lastPopped() + increments[(int) i & (increments.length - 1)], e);
        }
        return new Result(events, (System.nanoTime() - start) / 1e9, q.size());
    }

    private static void runHolds(Simulation sim, long[] counter, long holds) {
        long target = counter[0] + holds;
        while (counter[0] < target) {
            sim.run(sim.now() + 10_000_000);
        }
    }

    public record Result(long events, double wallSeconds, int pending) {
        public double eventsPerSecond() {
            return events / wallSeconds;
        }
    }

    private static final class Holder implements Event {
        private final Simulation sim;
        private final long[] increments;
        private final long[] counter;
        private int next;

        Holder(Simulation sim, long[] increments, long[] counter, int start) {
            this.sim = sim;
            this.increments = increments;
            this.counter = counter;
            this.next = start * 7919;
        }

        @Override
        public void fire(long now) {
            counter[0]++;
            next = (next + 1) & (increments.length - 1);
            sim.schedule(now + increments[next], this);
        }
    }
}
