package org.tcpsim.app.storm;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.client.ClientSettings;

/**
 * A validated connect-storm definition: new connections at {@code rate} per second whatever
 * happens to earlier ones (open loop). Times in ns.
 *
 * @param count at most this many connection attempts
 */
public record ConnectStormWorkload(String name, ClientSettings client, double rate, boolean poisson, long startNs,
                                   long stopNs, long count) implements Workload {
    @Override
    public String type() {
        return "connect-storm";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new ConnectStormRun(this, ctx);
    }
}
