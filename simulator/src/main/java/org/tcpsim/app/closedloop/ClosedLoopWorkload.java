package org.tcpsim.app.closedloop;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.client.ClientSettings;

/**
 * A validated closed-loop definition: {@code clients} users, each with at most one connection at
 * a time, thinking between connections. Times in ns.
 *
 * @param exponentialThink think times are exponential with mean {@code thinkNs}; else exactly {@code thinkNs}
 * @param count            at most this many connection attempts in all
 */
public record ClosedLoopWorkload(String name, ClientSettings client, int clients, long thinkNs,
                                 boolean exponentialThink, long startNs, long stopNs, long count)
        implements Workload {
    @Override
    public String type() {
        return "closed-loop";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new ClosedLoopRun(this, ctx);
    }
}
