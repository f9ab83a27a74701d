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
        return "a TCP server: listen(port, backlog), accept (at most accept_rate, with `workers` busy service_time per "
                + "request), read request_bytes, write response_bytes, close on EOF or after responding; accept=false "
                + "or never_close model the stuck-accept and CLOSE_WAIT bugs";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String host = Endpoint.readHost(node, "host", setting);
        int port = node.requireInt("port", 1, 65535);
        int backlog = node.optInt("backlog", 4096, Integer.MIN_VALUE, Integer.MAX_VALUE);
        boolean accept = node.optBool("accept", true);
        double acceptRate = node.optEventRate("accept_rate", 0);
        long service = node.optDurationNs("service_time", 0);
        int workers = node.optInt("workers", node.has("service_time") ? 1 : ServerWorkload.UNLIMITED_WORKERS, 1,
                Integer.MAX_VALUE);
        long request = node.optSizeBytes("request_bytes", 0);
        long response = node.optSizeBytes("response_bytes", 0);
        int requests = node.optInt("requests", 1, 1, Integer.MAX_VALUE);
        String close = node.optEnum("close", "on_eof", "on_eof", "after_response");
        boolean neverClose = node.optBool("never_close", false);
        long readRate = node.optRateBps("read_rate", 0);
        if (neverClose && "after_response".equals(close)) {
            node.problemAt("never_close", "a server that never closes cannot also close after responding "
                    + "(\"close\": \"after_response\")");
        }
        if (node.has("requests") && !"after_response".equals(close)) {
            node.problemAt("requests", "\"requests\" counts the responses before a server with "
                    + "\"close\": \"after_response\" closes; without it the server answers every request until EOF");
        }
        if (requests > 1 && request == 0) {
            node.problemAt("requests", "a server with request_bytes 0 answers once per connection; give request_bytes "
                    + "to answer several requests");
        }
        var options = SocketOptionsReader.read(node, setting);
        node.finish();
        if (host == null) {
            return null;
        }
        return new ServerWorkload(setting.workloadName(), host, port, backlog, accept, acceptRate, service, workers,
                request, response, requests, "after_response".equals(close), neverClose, readRate, options);
    }
}
