package org.tcpsim.tcp.congestion;

/**
 * A congestion-control module on the classpath, found by {@link java.util.ServiceLoader} as Linux
 * finds a registered {@code tcp_congestion_ops} (tcp_register_congestion_control). A jar that lists
 * its class in {@code META-INF/services/org.tcpsim.tcp.congestion.CongestionControlType} adds one.
 */
public interface CongestionControlType {
    /** The name users write ({@code "cubic"}); at most 15 characters (TCP_CA_NAME_MAX - 1). */
    String name();

    /** One line for {@code tcpsim plugins}. */
    String description();

    /** A fresh per-socket instance (Linux: the ops plus a zeroed icsk_ca_priv). */
    CongestionControl create();
}
