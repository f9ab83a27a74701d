package org.tcpsim.app.bulk;

import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.tcp.SocketOptions;

/**
 * A validated bulk definition.
 *
 * @param bytes      bytes per flow, or -1 when sending for {@code durationNs}
 * @param durationNs how long each flow sends, or -1 when sending {@code bytes}
 */
public record BulkWorkload(String name, String from, String toNode, int toAddress, int port, int flows, long bytes,
                           long durationNs, long startNs, SocketOptions options) implements Workload {
    @Override
    public String type() {
        return "bulk";
    }

    @Override
    public WorkloadRun install(RunContext ctx) {
        return new BulkRun(this, ctx);
    }
}
