package org.tcpsim.api.workload;

/**
 * What a non-blocking application hears from one socket (the wakeups of epoll). Every method
 * runs on the simulation's thread at simulated time {@code nowNs}.
 */
public interface SocketHandler {
    /**
     * connect() completed, or a listener accepted the connection: the socket is ESTABLISHED.
     *
     * @param s     the socket
     * @param nowNs simulated time
     */
    default void connected(AppSocket s, long nowNs) {
    }

    /**
     * Bytes can be read, or the peer closed its side ({@link AppSocket#read} then returns -1 once drained).
     *
     * @param s     the socket
     * @param nowNs simulated time
     */
    default void readable(AppSocket s, long nowNs) {
    }

    /**
     * Send-buffer space freed up after {@link AppSocket#write} accepted less than asked.
     *
     * @param s     the socket
     * @param nowNs simulated time
     */
    default void writable(AppSocket s, long nowNs) {
    }

    /**
     * The connection is gone.
     *
     * @param s     the socket
     * @param errno null after an orderly end, else the errno name the application saw
     *              ({@code ECONNREFUSED}, {@code ECONNRESET}, {@code ETIMEDOUT}, ...)
     * @param nowNs simulated time
     */
    default void closed(AppSocket s, String errno, long nowNs) {
    }
}
