package org.tcpsim.app.server;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.SocketOptionsReader;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;

/** {@code "type": "server"}: listen(backlog), accept, read each request, answer, close as configured. */
public final class ServerWorkloadType implements WorkloadType {
    @Override
    public String name() {
        return "server";
    }

    @Override
    public String description() {
        return "a TCP server: listen(port, backlog), accept, read request_bytes, write response_bytes, close on EOF "
                + "or after responding; accept=false or never_close model the stuck-accept and CLOSE_WAIT bugs";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String host = Endpoint.readHost(node, "host", setting);
        int port = node.requireInt("port", 1, 65535);
        int backlog = node.optInt("backlog", 4096, Integer.MIN_VALUE, Integer.MAX_VALUE);
        boolean accept = node.optBool("accept", true);
        long request = node.optSizeBytes("request_bytes", 0);
        long response = node.optSizeBytes("response_bytes", 0);
        String close = node.optEnum("close", "on_eof", "on_eof", "after_response");
        boolean neverClose = node.optBool("never_close", false);
        var options = SocketOptionsReader.read(node);
        node.finish();
        if (host == null) {
            return null;
        }
        return new ServerWorkload(setting.workloadName(), host, port, backlog, accept, request, response,
                "after_response".equals(close), neverClose, options);
    }
}
