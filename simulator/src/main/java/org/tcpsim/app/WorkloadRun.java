package org.tcpsim.app;

/** A workload installed in one run: samples while it runs, reports when it ends. */
public interface WorkloadRun {
    /** Called at every sampling instant. */
    default void sample(long now, TimeseriesSink out) {
    }

    /** Called once at the end of the run: per-flow rows, then headline metrics (names without the workload prefix). */
    void finish(long now, FlowSink flows, MetricSink metrics);
}
