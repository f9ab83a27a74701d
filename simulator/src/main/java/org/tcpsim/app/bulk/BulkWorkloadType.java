package org.tcpsim.app.bulk;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.SocketOptionsReader;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.CongestionChoice;

/** {@code "type": "bulk"}: N flows that send a byte count, or for a duration, as fast as TCP lets them. */
public final class BulkWorkloadType implements WorkloadType {
    /** Port the bulk sink listens on when "to" names none. */
    static final int DEFAULT_PORT = 5001;

    @Override
    public String name() {
        return "bulk";
    }

    @Override
    public String description() {
        return "N bulk TCP flows from one host to another, each sending `bytes` or for `duration` "
                + "(a sink listener is created on the destination unless a server workload listens there)";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String from = Endpoint.readHost(node, "from", setting);
        Endpoint to = Endpoint.read(node, "to", setting, from);
        int flows = node.optInt("flows", 1, 1, 100_000);
        long bytes = node.optSizeBytes("bytes", -1);
        long duration = node.optDurationNs("duration", -1);
        if (node.has("bytes") == node.has("duration")) {
            node.problem("give exactly one of \"bytes\" (per flow) or \"duration\" (how long each flow sends)");
        }
        long start = node.optDurationNs("start", 0);
        SocketOptions options = SocketOptionsReader.read(node, setting);
        if (node.has("congestion_control")) {
            // "cubic", or {"name": "cubic", "beta": 717, ...} with the module's parameters
            CongestionChoice cc = setting.congestion(node.get("congestion_control"));
            if (cc != null) {
                options = options.withCongestion(cc);
            }
        }
        node.finish();
        if (from == null || to == null) {
            return null;
        }
        int port = to.port() > 0 ? to.port() : DEFAULT_PORT;
        return new BulkWorkload(setting.workloadName(), from, to.node(), to.address(), port, flows, bytes, duration,
                start, options);
    }
}
