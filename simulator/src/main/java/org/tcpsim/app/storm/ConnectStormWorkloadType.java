package org.tcpsim.app.storm;

import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.app.client.ClientSettings;
import org.tcpsim.config.ConfigNode;

/** {@code "type": "connect-storm"}: an open-loop stream of independent request/response connections. */
public final class ConnectStormWorkloadType implements WorkloadType {
    @Override
    public String name() {
        return "connect-storm";
    }

    @Override
    public String description() {
        return "open-loop new connections (fixed or Poisson rate) from a client host to a server workload, each "
                + "connect, write request_bytes, read response_bytes, close (closer client|server)";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        ClientSettings client = ClientSettings.read(node, setting);
        double rate = node.requireEventRate("rate");
        boolean poisson = "poisson".equals(node.optEnum("arrival", "fixed", "fixed", "poisson"));
        long start = node.optDurationNs("start", 0);
        long stop = setting.stopNs(node, start, setting.durationNs());
        long count = node.optLong("count", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        node.finish();
        if (client == null) {
            return null;
        }
        return new ConnectStormWorkload(setting.workloadName(), client, rate, poisson, start, stop, count);
    }
}
