package org.tcpsim.api.workload;

/** A workload installed in one run: sampled while it runs, asked for its results when the run ends. */
public interface WorkloadRun {
    /**
     * Called at every sampling instant ({@code "sample_interval"}): rows for timeseries.csv.
     *
     * @param nowNs simulated time
     * @param out   where the rows go
     */
    default void sample(long nowNs, Timeseries out) {
    }

    /**
     * Called once when the run ends: headline metrics for summary.csv and rows for flows.csv.
     * (Every connection the workload opened gets its connections.csv row without being asked.)
     *
     * @param nowNs   simulated time at the end
     * @param results where they go
     */
    void finish(long nowNs, Results results);
}
