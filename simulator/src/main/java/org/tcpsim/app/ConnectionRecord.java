package org.tcpsim.app;

import java.util.List;
import org.tcpsim.tcp.TcpSocket;

/**
 * One row of connections.csv.
 *
 * @param outcome "ok", an errno name (ECONNREFUSED, ETIMEDOUT, ECONNRESET, EADDRNOTAVAIL, ...),
 *                or "open" for a connection still alive when the run ended
 * @param tcpConnId the client socket's id in states.csv (conn_id there, with host = client), or -1
 *                  when connect() failed before there was a socket
 */
public record ConnectionRecord(String connId, String client, String server, int localPort, long startNs,
                               long establishedNs, long endNs, String outcome, long bytesSent, long bytesReceived,
                               int synRetransmits, long retransmits, long tcpConnId) {
    public static final List<String> COLUMNS = List.of("conn_id", "client", "server", "local_port", "t_start_s",
            "t_established_s", "t_end_s", "outcome", "bytes_sent", "bytes_received", "syn_retransmits", "retransmits",
            "tcp_conn_id");

    /** A connection that never had a socket (connect() failed at once). */
    public ConnectionRecord(String connId, String client, String server, int localPort, long startNs,
                            long establishedNs, long endNs, String outcome, long bytesSent, long bytesReceived,
                            int synRetransmits, long retransmits) {
        this(connId, client, server, localPort, startNs, establishedNs, endNs, outcome, bytesSent, bytesReceived,
                synRetransmits, retransmits, -1);
    }

    /** The row for a client socket whose application finished with it at {@code endNs}. */
    public static ConnectionRecord of(String connId, String client, String server, TcpSocket s, String outcome,
                                      long bytesReceived, long endNs) {
        return new ConnectionRecord(connId, client, server, s.localPort(), s.startedAtNs(), s.establishedAtNs(),
                endNs, outcome, s.bytesAcked(), bytesReceived, s.synRetransmits(), s.retransmits(), s.connId());
    }
}
