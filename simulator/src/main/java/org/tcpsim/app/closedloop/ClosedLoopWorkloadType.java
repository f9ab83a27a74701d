package org.tcpsim.app.closedloop;

import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.app.client.ClientSettings;
import org.tcpsim.config.ConfigNode;

/** {@code "type": "closed-loop"}: N users, each looping connect, request/response, close, think. */
public final class ClosedLoopWorkloadType implements WorkloadType {
    @Override
    public String name() {
        return "closed-loop";
    }

    @Override
    public String description() {
        return "N concurrent users, each looping connect, `requests` request/response exchanges, close "
                + "(closer client|server), think_time (exponential or fixed)";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        ClientSettings client = ClientSettings.read(node, setting);
        int clients = node.optInt("clients", 1, 1, 10_000_000);
        long think = node.optDurationNs("think_time", 0);
        boolean exponential = "exponential".equals(
                node.optEnum("think_distribution", "exponential", "exponential", "fixed"));
        long start = node.optDurationNs("start", 0);
        long stop = setting.stopNs(node, start, setting.durationNs());
        long count = node.optLong("count", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        node.finish();
        if (client == null) {
            return null;
        }
        return new ClosedLoopWorkload(setting.workloadName(), client, clients, think, exponential, start, stop, count);
    }
}
