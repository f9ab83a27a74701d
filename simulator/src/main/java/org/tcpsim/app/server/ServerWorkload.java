package org.tcpsim.app.server;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketOptions;

/**
 * A validated server definition. Times in ns.
 *
 * @param acceptRate         accept() calls per second at most, or 0 for no limit
 * @param serviceNs          time to answer each request while holding a worker (0: at once)
 * @param workers            connections served at once (each holds a worker from accept() until the
 *                           server is done with it); Integer.MAX_VALUE for no limit
 * @param requestBytes       bytes of one request (0: answer once, as soon as the connection is accepted)
 * @param requests           responses after which a server with {@code closeAfterResponse} closes
 * @param closeAfterResponse the server closes first, once its {@code requests}-th response is written
 * @param neverClose         reads to EOF but never calls close(): the CLOSE_WAIT leak
 */
public record ServerWorkload(String name, String host, int port, int backlog, boolean accept, double acceptRate,
                             long serviceNs, int workers, long requestBytes, long responseBytes, int requests,
                             boolean closeAfterResponse, boolean neverClose, long readRateBps,
                             SocketOptions options)
        implements Workload {
    public static final int UNLIMITED_WORKERS = Integer.MAX_VALUE;

    @Override
    public String type() {
        return "server";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new ServerRun(this, ctx);
    }
}
