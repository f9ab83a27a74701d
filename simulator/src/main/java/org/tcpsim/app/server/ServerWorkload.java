package org.tcpsim.app.server;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketOptions;

/**
 * A validated server definition.
 *
 * @param requestBytes   bytes read before answering (0: answer as soon as the connection is accepted)
 * @param closeAfterResponse the server closes first, once its response is written
 * @param neverClose     reads to EOF but never calls close(): the CLOSE_WAIT leak
 */
public record ServerWorkload(String name, String host, int port, int backlog, boolean accept, long requestBytes,
                             long responseBytes, boolean closeAfterResponse, boolean neverClose,
                             SocketOptions options) implements Workload {
    @Override
    public String type() {
        return "server";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new ServerRun(this, ctx);
    }
}
