package org.tcpsim.app.synflood;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;

/**
 * A validated syn-flood definition. Times in ns.
 *
 * @param spoofNetwork first address of the spoofed source block
 * @param spoofPrefix  its prefix length, or -1 to send from the attacking host's own address
 */
public record SynFloodWorkload(String name, String from, String toNode, int toAddress, int port, double rate,
                               boolean poisson, long startNs, long stopNs, long count, int spoofNetwork,
                               int spoofPrefix) implements Workload {
    @Override
    public String type() {
        return "syn-flood";
    }

    public boolean spoofs() {
        return spoofPrefix >= 0;
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new SynFloodRun(this, ctx);
    }
}
