package org.tcpsim.api.workload;

/**
 * A TCP socket as an application holds it: non-blocking calls that act at the current simulated
 * time, and what {@code getsockopt(TCP_INFO)} would tell about it.
 */
public interface AppSocket {
    /**
     * write(): queues up to {@code bytes} of payload.
     *
     * @param bytes how many bytes the application offers
     * @return how many the send buffer took (0 when full: wait for {@link SocketHandler#writable})
     */
    int write(int bytes);

    /**
     * read(): takes up to {@code maxBytes} from the receive queue.
     *
     * @param maxBytes the most to read
     * @return bytes read, 0 when nothing waits, -1 at end of stream (the peer closed and all was read)
     */
    int read(int maxBytes);

    /** shutdown(SHUT_WR): a FIN follows the queued data. */
    void shutdownWrite();

    /** close(): the application is done with the socket (Linux sends a RST if unread data remains). */
    void close();

    /**
     * The state as Linux prints it ({@code ESTABLISHED}, {@code TIME_WAIT}, ...).
     *
     * @return the state name
     */
    String state();

    /**
     * The local port.
     *
     * @return the port
     */
    int localPort();

    /**
     * tcpi_bytes_acked: payload bytes the peer acknowledged.
     *
     * @return bytes
     */
    long bytesAcked();

    /**
     * Payload bytes the application has read from this socket.
     *
     * @return bytes
     */
    long bytesRead();

    /**
     * tcpi_snd_cwnd.
     *
     * @return packets
     */
    int cwnd();

    /**
     * tcpi_rtt: the smoothed RTT, microseconds.
     *
     * @return microseconds
     */
    long srttUs();

    /**
     * tcpi_total_retrans: segments retransmitted.
     *
     * @return a count
     */
    long retransmits();

    /**
     * When the handshake completed, or -1.
     *
     * @return nanoseconds, or -1
     */
    long establishedAtNs();

    /**
     * When the connection ended for the application, or -1 while it is open.
     *
     * @return nanoseconds, or -1
     */
    long endedAtNs();
}
