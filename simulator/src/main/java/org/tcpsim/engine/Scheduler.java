package org.tcpsim.engine;

/**
 * A clock and the queue of events pending on it: all a timer needs. {@link Simulation} is the one
 * the topology runs on; a packetdrill script or a unit test driving one TCP stack uses its own.
 */
public interface Scheduler {
    /** Simulated time in nanoseconds. */
    long now();

    /** Runs {@code event} at absolute time {@code at} (not before now), after events already queued for that time. */
    void schedule(long at, Event event);
}
