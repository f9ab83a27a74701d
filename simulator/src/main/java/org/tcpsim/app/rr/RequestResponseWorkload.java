package org.tcpsim.app.rr;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketOptions;

/**
 * A validated request-response definition.
 *
 * @param clientCloses the client closes first once it has the whole response; else it waits for
 *                     the server's FIN (the server workload should then close after responding)
 */
public record RequestResponseWorkload(String name, String from, String toNode, int toAddress, int port,
                                      long requestBytes, long responseBytes, long count, long thinkNs, long startNs,
                                      boolean clientCloses, SocketOptions options) implements Workload {
    @Override
    public String type() {
        return "request-response";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new RequestResponseRun(this, ctx);
    }
}
