package org.tcpsim.engine;

/**
 * One simulated world: a clock in integer nanoseconds and the events pending on it.
 * Single-threaded by design; parallelism is across runs, never inside one.
 */
public final class Simulation implements Scheduler {
    /**
     * How many events run between two calls of the progress listener (wall-clock work stays off the
     * hot path; without a listener there is none). Small enough that a run of slow events (a
     * port-exhaustion storm runs a few thousand a second) still reports several times a second.
     */
    private static final int PROGRESS_STRIDE = 1 << 10;

    private final TimingWheel queue = new TimingWheel();
    private long now;
    private long executed;
    private boolean stopRequested;
    private ProgressListener progress;

    /** Simulated time in nanoseconds. */
    @Override
    public long now() {
        return now;
    }

    /** Events popped so far (including superseded timer entries). */
    public long eventsExecuted() {
        return executed;
    }

    public int pendingEvents() {
        return queue.size();
    }

    @Override
    public void schedule(long at, Event event) {
        if (at < now) {
            throw new IllegalStateException("cannot schedule at " + at + " ns before now " + now + " ns");
        }
        queue.push(at, event);
    }

    public void scheduleIn(long delayNs, Event event) {
        schedule(now + delayNs, event);
    }

    /** Makes {@link #run} return after the event now executing. */
    public void stop() {
        stopRequested = true;
    }

    public void setProgressListener(ProgressListener listener) {
        this.progress = listener;
    }

    /**
     * Executes events in (time, insertion) order until none remain at or before {@code untilNs}.
     * The clock then stands at {@code untilNs} unless the queue ran dry earlier or stop() was called.
     *
     * @return true if the queue still holds events (later than untilNs)
     */
    public boolean run(long untilNs) {
        stopRequested = false;
        int countdown = PROGRESS_STRIDE;
        while (!stopRequested) {
            Event e = queue.popUntil(untilNs);
            if (e == null) {
                if (!queue.isEmpty() && untilNs > now) {
                    now = untilNs;
                }
                break;
            }
            now = queue.lastPopped();
            executed++;
            e.fire(now);
            if (--countdown == 0) {
                countdown = PROGRESS_STRIDE;
                if (progress != null) {
                    progress.onProgress(now, executed);
                }
            }
        }
        return !queue.isEmpty();
    }

    /** Told now and then how far a run has got; implementations look at the wall clock, the model never does. */
    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(long simulatedNs, long eventsExecuted);
    }
}
