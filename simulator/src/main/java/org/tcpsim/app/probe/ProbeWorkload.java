package org.tcpsim.app.probe;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;

/** A validated probe definition. Times in ns; rate in datagrams per second. */
public record ProbeWorkload(String name, String from, String toNode, int toAddress, int port, double rate,
                            int size, boolean poisson, long startNs, long stopNs, long count) implements Workload {
    @Override
    public String type() {
        return "probe";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new ProbeRun(this, ctx);
    }
}
