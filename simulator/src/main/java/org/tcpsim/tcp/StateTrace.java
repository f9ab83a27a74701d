package org.tcpsim.tcp;

/** Receives every state transition of a host's connections (for states.csv: t_s, host, conn_id, from, to, cause). */
@FunctionalInterface
public interface StateTrace {
    /**
     * @param socket the socket, or null when the connection lives on only as a timewait sock
     */
    void transition(long connId, TcpSocket socket, TcpState from, TcpState to, String cause, long now);
}
