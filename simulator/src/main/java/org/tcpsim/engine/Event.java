package org.tcpsim.engine;

/**
 * Something that happens at a simulated instant. Components implement it directly
 * (a packet in flight, a timer) so scheduling allocates nothing beyond the queue slot.
 */
@FunctionalInterface
public interface Event {
    /** Runs the event; {@code now} is the simulated time in nanoseconds it was scheduled for. */
    void fire(long now);
}
