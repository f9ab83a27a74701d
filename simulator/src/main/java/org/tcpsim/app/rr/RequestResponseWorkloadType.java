package org.tcpsim.app.rr;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.SocketOptionsReader;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;

/** {@code "type": "request-response"}: connections one after another, each: connect, send a request, read the response, close. */
public final class RequestResponseWorkloadType implements WorkloadType {
    @Override
    public String name() {
        return "request-response";
    }

    @Override
    public String description() {
        return "sequential TCP connections from a client to a server (declare a `server` workload): connect, write "
                + "request_bytes, read response_bytes, then the client or the server closes first";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String from = Endpoint.readHost(node, "from", setting);
        Endpoint to = Endpoint.read(node, "to", setting, from);
        if (to != null && to.port() < 0) {
            node.problemAt("to", "give the server's port, e.g. \"10.0.0.2:5001\"");
            to = null;
        }
        long request = node.optSizeBytes("request_bytes", 100);
        long response = node.optSizeBytes("response_bytes", 100);
        long count = node.optLong("count", 1, 1, Long.MAX_VALUE);
        long think = node.optDurationNs("think_time", 0);
        long start = node.optDurationNs("start", 0);
        boolean clientCloses = "client".equals(node.optEnum("closer", "client", "client", "server"));
        var options = SocketOptionsReader.read(node, setting);
        node.finish();
        if (from == null || to == null) {
            return null;
        }
        return new RequestResponseWorkload(setting.workloadName(), from, to.node(), to.address(), to.port(), request,
                response, count, think, start, clientCloses, options);
    }
}
