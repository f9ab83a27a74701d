package org.tcpsim.api.workload;

/** Something a workload scheduled with {@link WorkloadContext#at}. */
@FunctionalInterface
public interface TimerTask {
    /**
     * Runs at the scheduled simulated time.
     *
     * @param nowNs simulated time, nanoseconds
     */
    void run(long nowNs);
}
