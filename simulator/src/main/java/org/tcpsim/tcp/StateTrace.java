package org.tcpsim.tcp;

/** Receives every state transition (for states.csv: t_s, host, conn_id, from, to, cause). */
@FunctionalInterface
public interface StateTrace {
    void transition(TcpSocket socket, TcpState from, TcpState to, String cause, long now);
}
