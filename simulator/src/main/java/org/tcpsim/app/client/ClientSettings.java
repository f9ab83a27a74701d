package org.tcpsim.app.client;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.SocketOptionsReader;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.SocketOptions;

/**
 * What every client connection of a connect-storm or closed-loop workload does, as users write it:
 * {@code from}, {@code to}, {@code request_bytes}, {@code response_bytes}, {@code requests},
 * {@code closer}, {@code sockopt}.
 *
 * @param requests     request/response exchanges per connection
 * @param clientCloses the client closes as soon as it has the last response (it ends in TIME_WAIT);
 *                     else it waits for the server's FIN (the server must close after responding)
 */
public record ClientSettings(String from, String toNode, int toAddress, int port, long requestBytes,
                             long responseBytes, int requests, boolean clientCloses, SocketOptions options) {

    /** Reads the shared fields of {@code node}; null (with problems recorded) when a host or route is wrong. */
    public static ClientSettings read(ConfigNode node, WorkloadSetting setting) {
        String from = Endpoint.readHost(node, "from", setting);
        Endpoint to = Endpoint.read(node, "to", setting, from);
        if (to != null && to.port() < 0) {
            node.problemAt("to", "give the server's port, e.g. \"10.0.0.2:5001\"");
            to = null;
        }
        long request = node.optSizeBytes("request_bytes", 100);
        long response = node.optSizeBytes("response_bytes", 100);
        int requests = node.optInt("requests", 1, 1, Integer.MAX_VALUE);
        boolean clientCloses = "client".equals(node.optEnum("closer", "client", "client", "server"));
        SocketOptions options = SocketOptionsReader.read(node, setting);
        if (from == null || to == null) {
            return null;
        }
        return new ClientSettings(from, to.node(), to.address(), to.port(), request, response, requests, clientCloses,
                options);
    }
}
