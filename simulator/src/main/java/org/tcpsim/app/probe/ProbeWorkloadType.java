package org.tcpsim.app.probe;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.Datagram;

/** {@code "type": "probe"}: one-way UDP datagrams with sequence numbers, for measuring a path's loss, reordering and delay. */
public final class ProbeWorkloadType implements WorkloadType {
    static final long NS_PER_S = 1_000_000_000L;
    /** Default first destination port; each probe gets the next one so several can share a receiver host. */
    static final int BASE_PORT = 9000;

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String description() {
        return "one-way datagrams with sequence numbers (fixed or Poisson rate) to measure loss, reordering, "
                + "duplication and delay of a path";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String from = Endpoint.readHost(node, "from", setting);
        Endpoint to = Endpoint.read(node, "to", setting, from);
        double rate = node.requireEventRate("rate");
        long size = node.optSizeBytes("size", 1000);
        if (size < Datagram.MIN_LENGTH || size > 65535) {
            node.problemAt("size", "expected an IP packet size between " + Datagram.MIN_LENGTH + "B and 65535B, got "
                    + size + "B");
        }
        boolean poisson = "poisson".equals(node.optEnum("arrival", "fixed", "fixed", "poisson"));
        long start = node.optDurationNs("start", 0);
        long duration = setting.durationNs();
        // Stop early enough that the last datagrams land before the run ends and count as received.
        long defaultStop = Math.max(start, duration - Math.min(NS_PER_S, duration / 2));
        long stop = setting.stopNs(node, start, defaultStop);
        long count = node.optLong("count", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        int port = to == null || to.port() < 0 ? BASE_PORT + setting.workloadIndex() : to.port();
        node.finish();
        if (from == null || to == null) {
            return null;
        }
        return new ProbeWorkload(setting.workloadName(), from, to.node(), to.address(), port, rate, (int) size,
                poisson, start, stop, count);
    }
}
