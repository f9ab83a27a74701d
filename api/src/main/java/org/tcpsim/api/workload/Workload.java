package org.tcpsim.api.workload;

/** A configured workload: immutable, installed into every run of the experiment. */
@FunctionalInterface
public interface Workload {
    /**
     * Installs the workload into a fresh run at time 0: listen, schedule the first events.
     *
     * @param ctx what the workload may use in this run
     * @return the installed workload, asked for samples and results
     */
    WorkloadRun install(WorkloadContext ctx);
}
