package org.tcpsim.app;

/** A validated workload definition; immutable, so one definition can be installed into many runs. */
public interface Workload {
    String name();

    String type();

    /** Installs the workload into a fresh run (binds ports, schedules its first events). */
    WorkloadRun install(RunContext ctx);
}
