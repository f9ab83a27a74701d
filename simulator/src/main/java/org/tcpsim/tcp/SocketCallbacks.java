package org.tcpsim.tcp;

/** What a non-blocking application hears from its socket (the wakeups of poll/epoll). */
public interface SocketCallbacks {
    /** connect() completed: the socket is ESTABLISHED. */
    default void connected(TcpSocket s, long now) {
    }

    /** New bytes can be read, or the peer closed its side (read() then returns -1 when drained). */
    default void readable(TcpSocket s, long now) {
    }

    /** Send buffer space freed up after write() accepted less than asked. */
    default void writable(TcpSocket s, long now) {
    }

    /**
     * The connection is gone: {@code errno} is null after an orderly end, else the Linux errno
     * name the application would see (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...).
     */
    default void closed(TcpSocket s, String errno, long now) {
    }
}
