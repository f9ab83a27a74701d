package org.tcpsim.api.workload;

import java.util.random.RandomGenerator;
import org.tcpsim.api.Endpoint;

/**
 * What an installed workload may use in its run: the clock and timers, its own random streams,
 * and the TCP stacks of the hosts it names. Valid for the one run it was given to.
 */
public interface WorkloadContext {
    /**
     * The workload's name (its {@code "name"}, else derived from its type): prefix of its metrics.
     *
     * @return the name
     */
    String name();

    /**
     * The run's length; events scheduled at or after it never run.
     *
     * @return nanoseconds
     */
    long durationNs();

    /**
     * Now.
     *
     * @return simulated time, nanoseconds
     */
    long nowNs();

    /**
     * A random stream private to this workload and purpose ({@code workload:NAME:PURPOSE}),
     * derived from the run's seed: draw every random choice from named streams and the run stays
     * byte-identical for its seed, whatever else the experiment holds.
     *
     * @param purpose what the numbers are for ({@code "arrivals"})
     * @return the stream (a fresh one per call: ask once per purpose)
     */
    RandomGenerator random(String purpose);

    /**
     * Runs {@code task} at simulated time {@code timeNs} (ties run in the order scheduled).
     *
     * @param timeNs when; not before now
     * @param task   what to run
     */
    void at(long timeNs, TimerTask task);

    /**
     * connect() from {@code fromHost} to {@code to}, non-blocking, with the workload's
     * {@code "sockopt"} and {@code "congestion_control"}. The connection gets a connections.csv
     * row when the run ends.
     *
     * @param fromHost the client host's name
     * @param to       where to (with a port)
     * @param handler  its events
     * @return the socket (its handler hears {@link SocketHandler#closed} with the errno when connect fails)
     */
    AppSocket connect(String fromHost, Endpoint to, SocketHandler handler);

    /**
     * listen() on {@code host}:{@code port} with the workload's {@code "sockopt"}; every
     * connection is accepted at once and handed to {@code acceptor}.
     *
     * @param host     the server host's name
     * @param port     the port
     * @param backlog  the listen() backlog (capped by net.core.somaxconn)
     * @param acceptor what to do with each accepted connection
     * @return false (and nothing done) when something already listens there
     */
    boolean listen(String host, int port, int backlog, Acceptor acceptor);
}
