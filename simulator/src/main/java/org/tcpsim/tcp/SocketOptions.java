package org.tcpsim.tcp;

/**
 * Socket options a workload sets with their Linux names (setsockopt). Values as the application
 * passes them; the kernel applies its rules (SO_RCVBUF is doubled and capped at rmem_max, ...).
 *
 * @param rcvbuf        SO_RCVBUF in bytes, or -1 for autotuning from tcp_rmem
 * @param sndbuf        SO_SNDBUF in bytes, or -1 for autotuning from tcp_wmem
 * @param lingerZero    SO_LINGER {on, 0}: close() aborts with a RST
 * @param noDelay       TCP_NODELAY: Nagle off
 * @param congestion    TCP_CONGESTION, or null for net.ipv4.tcp_congestion_control
 * @param reuseAddr     SO_REUSEADDR
 */
public record SocketOptions(int rcvbuf, int sndbuf, boolean lingerZero, boolean noDelay, String congestion,
                            boolean reuseAddr) {
    public static final SocketOptions DEFAULTS = new SocketOptions(-1, -1, false, false, null, false);
}
