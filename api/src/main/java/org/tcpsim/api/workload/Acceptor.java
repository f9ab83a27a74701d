package org.tcpsim.api.workload;

/** A listening workload's answer to each connection accept() returns. */
@FunctionalInterface
public interface Acceptor {
    /**
     * A connection was accepted (it is ESTABLISHED; data may already wait to be read).
     *
     * @param s     the accepted socket
     * @param nowNs simulated time
     * @return the handler for its events (not null)
     */
    SocketHandler accepted(AppSocket s, long nowNs);
}
