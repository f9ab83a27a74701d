package org.tcpsim.engine;

/**
 * A re-armable one-shot timer, cheap to re-arm and cancel (Linux: sk_reset_timer / sk_stop_timer).
 *
 * <p>Re-arming to a later time only updates the deadline: the entry already queued fires,
 * sees the deadline moved and re-queues itself. So a retransmit timer pushed back on every
 * ACK costs one field write, not a queue operation. Cancel is a field write too; the
 * stale queue entry is ignored when it comes up.
 */
public final class Timer implements Event {
    private static final long NONE = -1;
    /** The action of a detached timer. */
    private static final Event NOTHING = now -> { };

    private final Scheduler sim;
    /** What firing does; nothing once {@link #detach detached}. */
    private Event action;
    private long deadline = NONE;
    private long queuedAt = NONE;

    public Timer(Scheduler sim, Event action) {
        this.sim = sim;
        this.action = action;
    }

    /**
     * Cancels the timer and lets go of its action (and so of whatever the action belongs to): an entry still
     * queued keeps only this timer alive until its time comes, not the owner. For an owner that is gone and whose
     * action would do nothing any more: the timer may still be armed, and then fires nothing.
     */
    public void detach() {
        deadline = NONE;
        action = NOTHING;
    }

    /** Arms (or re-arms) the timer to fire at absolute time {@code at}. */
    public void arm(long at) {
        deadline = at;
        if (queuedAt == NONE || at < queuedAt) {
            queuedAt = at;
            sim.schedule(at, this);
        }
    }

    public void armIn(long delayNs) {
        arm(sim.now() + delayNs);
    }

    public void cancel() {
        deadline = NONE;
    }

    public boolean isArmed() {
        return deadline != NONE;
    }

    /** Absolute deadline, or -1 when not armed. */
    public long deadline() {
        return deadline;
    }

    @Override
    public void fire(long now) {
        if (now != queuedAt) {
            return; // superseded by an earlier arm
        }
        queuedAt = NONE;
        if (deadline == NONE) {
            return;
        }
        if (deadline > now) {
            queuedAt = deadline;
            sim.schedule(deadline, this);
            return;
        }
        deadline = NONE;
        action.fire(now);
    }
}
